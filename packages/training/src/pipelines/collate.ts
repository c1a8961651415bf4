import type { BatchTensor } from '@nlpft/onnx';
import { padRows, type IntTensor } from '@nlpft/task-inputs';
import { IGNORE_INDEX, maskTokens } from '../masked-lm';
import { SeededRng } from '../seeded-rng';
import type { StepContext } from '../types';
import type { SpecialIds } from './special-ids';

const int64 = (values: ArrayLike<number>, dims: number[]): BatchTensor => ({
  data: BigInt64Array.from(Array.from(values), (v) => BigInt(v)),
  dims,
});

/** A padded tensor as a graph input: its data and dims (the element type follows the typed array). */
export const batchTensor = ({ data, dims }: IntTensor): BatchTensor => ({ data, dims });

/**
 * Rows of ids right-padded with `padId` to `length` by task-inputs' `padRows`: int64 `input_ids`, `attention_mask`
 * (1 on the ids) and, with `tokenTypes`, all-zero `token_type_ids`.
 */
export function paddedIdRows(
  rows: readonly (readonly number[])[],
  length: number,
  padId: number,
  tokenTypes = false,
): Record<string, BatchTensor> {
  const padded = padRows(
    rows.map((ids) => ({ ids })),
    {
      length,
      padId,
      tensors: {
        inputIds: 'int64',
        attentionMask: 'int64',
        tokenTypeIds: tokenTypes ? 'int64' : undefined,
      },
    },
  );
  return {
    input_ids: batchTensor(padded.inputIds),
    attention_mask: batchTensor(padded.attentionMask!),
    ...(padded.tokenTypeIds ? { token_type_ids: batchTensor(padded.tokenTypeIds) } : {}),
  };
}

/** Rows of equal length → `input_ids` and an all-ones `attention_mask` (packed blocks have no padding). */
function blockInputs(
  rows: readonly (readonly number[])[],
  tokenTypes = false,
): Record<string, BatchTensor> {
  return paddedIdRows(rows, rows[0]?.length ?? 0, 0, tokenTypes);
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
      ...blockInputs(
        masked.map((m) => m.inputIds),
        true,
      ),
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
    const batch: Record<string, BatchTensor> = {
      ...paddedIdRows(
        examples.map((e) => e.ids.slice(0, length)),
        length,
        padId,
      ),
      labels: int64(
        examples.map((e) => e.label),
        [n],
      ),
    };
    if (tokenTypes)
      batch['token_type_ids'] = { data: new BigInt64Array(n * length), dims: [n, length] };
    return batch;
  };
}
