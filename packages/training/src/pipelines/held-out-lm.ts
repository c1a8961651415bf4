import type { BatchTensor } from '@nlpft/onnx';
import type { OnnxTrainable } from '../onnx-trainable';
import { maskedCount } from './collate';
import type { Objective } from './tiny-models';

/** Held-out language-modelling score: mean token cross-entropy in nats and its exponent. */
export interface HeldOutScore {
  loss: number;
  perplexity: number;
  /** Tokens scored (masked positions for MLM, next-token positions for CLM). */
  tokens: number;
}

/**
 * Token-weighted mean loss of a model over held-out blocks, with the current parameters. For MLM the masks come
 * from the collate's fixed evaluation seed, so the score is the masked-token ("pseudo") perplexity of the same
 * positions every time; for CLM every position but the first of each block is predicted.
 */
export async function heldOutScore(
  model: OnnxTrainable<readonly number[]>,
  blocks: readonly (readonly number[])[],
  objective: Objective,
  collate: (b: readonly (readonly number[])[]) => Record<string, BatchTensor>,
  batchSize = 32,
): Promise<HeldOutScore> {
  const snapshot = await model.snapshot(['loss']);
  let sum = 0;
  let tokens = 0;
  try {
    for (let i = 0; i < blocks.length; i += batchSize) {
      const batch = blocks.slice(i, i + batchSize);
      const count =
        objective === 'mlm'
          ? maskedCount(collate(batch))
          : batch.reduce((a, b) => a + b.length - 1, 0);
      if (count === 0) continue;
      const { loss } = await snapshot.run(batch);
      sum += loss!.data[0]! * count;
      tokens += count;
    }
  } finally {
    await snapshot.dispose();
  }
  const loss = sum / tokens;
  return { loss, perplexity: Math.exp(loss), tokens };
}
