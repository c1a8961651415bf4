import type { BatchTensor } from '@nlpft/onnx';
import { IGNORE_INDEX, maskTokens } from '../masked-lm';
import { SeededRng } from '../seeded-rng';
import type { StepContext } from '../types';
import type { SpecialIds } from './special-ids';

const int64 = (values: ArrayLike<number>, dims: number[]): BatchTensor => ({
  data: BigInt64Array.from(Array.from(values), (v) => BigInt(v)),
  dims,
});

/** Rows of equal length → `input_ids` and an all-ones `attention_mask` (packed blocks have no padding). */
function blockInputs(rows: readonly (readonly number[])[]): Record<string, BatchTensor> {
  const dims = [rows.length, rows[0]?.length ?? 0];
  return {
    input_ids: int64(rows.flat(), dims),
    attention_mask: { data: new BigInt64Array(dims[0]! * dims[1]!).fill(1n), dims },
  };
}

/**
 * Masked-LM batches of packed blocks: masks drawn from the step's RNG while training (so a resumed run masks the
 * same way) and from a fixed seed per call otherwise (held-out evaluation masks every run identically).
 */
export function maskedLmCollate(
  ids: SpecialIds,
  vocabSize: number,
  probability = 0.15,
  evalSeed = 1234,
): Collate<readonly number[]> {
  const special = [ids.cls, ids.sep, ids.pad];
  return (blocks: readonly (readonly number[])[], context?: StepContext) => {
    const rng = context?.rng ?? new SeededRng(evalSeed);
    const masked = blocks.map((b) =>
      maskTokens(b, rng, { maskTokenId: ids.mask, vocabSize, specialIds: special, probability }),
    );
    const dims = [blocks.length, blocks[0]?.length ?? 0];
    return {
      ...blockInputs(masked.map((m) => m.inputIds)),
      token_type_ids: { data: new BigInt64Array(dims[0]! * dims[1]!), dims },
      labels: int64(
        masked.flatMap((m) => m.labels),
        dims,
      ),
    };
  };
}

/** Turns a batch of examples into the graph's inputs; gets the step context while training. */
export type Collate<E> = (
  examples: readonly E[],
  context?: StepContext,
) => Record<string, BatchTensor>;

/** Number of positions a masked-LM batch predicts (labels ≠ -100). */
export function maskedCount(batch: Record<string, BatchTensor>): number {
  let n = 0;
  for (const v of batch['labels']!.data as BigInt64Array) if (v !== BigInt(IGNORE_INDEX)) n++;
  return n;
}

/** Next-token batches of packed blocks: the loss reads its labels from `input_ids` (shifted inside the graph). */
export function causalLmCollate(): Collate<readonly number[]> {
  return (blocks: readonly (readonly number[])[]) => blockInputs(blocks);
}

/** A labelled, tokenized text for sequence classification. */
export interface ClassificationExample {
  ids: readonly number[];
  label: number;
}

/** Right-padded classification batches of a fixed length and int64 labels (plus zero token types for BERT). */
export function classificationCollate(
  length: number,
  padId: number,
  tokenTypes = true,
): Collate<ClassificationExample> {
  return (examples: readonly ClassificationExample[]): Record<string, BatchTensor> => {
    const n = examples.length;
    const ids = new BigInt64Array(n * length).fill(BigInt(padId));
    const mask = new BigInt64Array(n * length);
    examples.forEach((e, i) =>
      e.ids.slice(0, length).forEach((id, j) => {
        ids[i * length + j] = BigInt(id);
        mask[i * length + j] = 1n;
      }),
    );
    const dims = [n, length];
    const batch: Record<string, BatchTensor> = {
      input_ids: { data: ids, dims },
      attention_mask: { data: mask, dims },
      labels: int64(
        examples.map((e) => e.label),
        [n],
      ),
    };
    if (tokenTypes) batch['token_type_ids'] = { data: new BigInt64Array(n * length), dims };
    return batch;
  };
}
