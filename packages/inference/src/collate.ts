import { collateBatch } from '@nlpft/task-inputs';
import type { ModelRunner, TensorMap } from './types';

/** Padded id rows ready to feed, with each row's real length. */
export interface Collated {
  readonly feeds: TensorMap;
  readonly lengths: readonly number[];
  readonly seqLen: number;
  /** Where row `r`'s real tokens start (non-zero only with left padding). */
  readonly starts: readonly number[];
}

/**
 * Pads id rows into the int64 tensors a Hugging Face export takes, named by the model's own input names:
 * `input_ids`, and when the model declares them `attention_mask` (1 on real tokens), `token_type_ids` (the rows'
 * type ids, 0 elsewhere) and `position_ids` (0, 1, … over real tokens, as Hugging Face's generate computes them).
 * Padding and the int64 fill are @nlpft/task-inputs' `collateBatch`.
 */
export function collate(
  model: ModelRunner,
  rows: readonly { readonly ids: readonly number[]; readonly typeIds?: readonly number[] }[],
  options: { padTokenId: number; side?: 'right' | 'left' },
): Collated {
  const side = options.side ?? 'right';
  const io = model.io;
  const withTypes = io.tokenTypeIds !== undefined;
  const items = rows.map((r) => ({
    ids: r.ids,
    ...(withTypes ? { typeIds: r.typeIds ?? r.ids.map(() => 0) } : {}),
  }));
  const batch = collateBatch(items, { padId: options.padTokenId, paddingSide: side });
  const seqLen = batch.input_ids.dims[1] ?? 0;
  const lengths = rows.map((r) => r.ids.length);
  const starts = lengths.map((len) => (side === 'left' ? seqLen - len : 0));
  const feeds: TensorMap = {};
  feeds[io.inputIds ?? 'input_ids'] = batch.input_ids;
  if (io.attentionMask) feeds[io.attentionMask] = batch.attention_mask;
  if (io.tokenTypeIds && batch.token_type_ids) feeds[io.tokenTypeIds] = batch.token_type_ids;
  if (io.positionIds) {
    // Positions count real tokens from 0; padding gets 1, as Hugging Face's generate fills it (never read).
    const positions = new BigInt64Array(rows.length * seqLen).fill(1n);
    rows.forEach((_, r) => {
      const base = r * seqLen + (starts[r] as number);
      for (let j = 0; j < (lengths[r] as number); j++) positions[base + j] = BigInt(j);
    });
    feeds[io.positionIds] = { type: 'int64', data: positions, dims: [rows.length, seqLen] };
  }
  return { feeds, lengths, seqLen, starts };
}
