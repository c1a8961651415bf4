import type { ModelRunner, TensorData, TensorMap } from './types';

/** Padded id rows ready to feed, with each row's real length. */
export interface Collated {
  readonly feeds: TensorMap;
  readonly lengths: readonly number[];
  readonly seqLen: number;
  /** Where row `r`'s real tokens start (non-zero only with left padding). */
  readonly starts: readonly number[];
}

function tensor(data: BigInt64Array, batch: number, seqLen: number): TensorData {
  return { type: 'int64', data, dims: [batch, seqLen] };
}

/**
 * Pads id rows into the int64 tensors a Hugging Face export takes, naming them by the model's own input names:
 * `input_ids`, and when the model declares them `attention_mask` (1 on real tokens), `token_type_ids` (the rows'
 * type ids, 0 elsewhere) and `position_ids` (0, 1, … over real tokens, as Hugging Face's generate computes them).
 */
export function collate(
  model: ModelRunner,
  rows: readonly { readonly ids: readonly number[]; readonly typeIds?: readonly number[] }[],
  options: { padTokenId: number; side?: 'right' | 'left' },
): Collated {
  const side = options.side ?? 'right';
  const batch = rows.length;
  let seqLen = 0;
  for (const r of rows) seqLen = Math.max(seqLen, r.ids.length);
  const n = batch * seqLen;
  const io = model.io;
  const ids = new BigInt64Array(n).fill(BigInt(options.padTokenId));
  const mask = io.attentionMask ? new BigInt64Array(n) : undefined;
  const types = io.tokenTypeIds ? new BigInt64Array(n) : undefined;
  const positions = io.positionIds ? new BigInt64Array(n).fill(1n) : undefined;
  const lengths: number[] = [];
  const starts: number[] = [];
  for (let r = 0; r < batch; r++) {
    const row = rows[r] as (typeof rows)[number];
    const len = row.ids.length;
    const start = side === 'left' ? seqLen - len : 0;
    const base = r * seqLen + start;
    lengths.push(len);
    starts.push(start);
    for (let j = 0; j < len; j++) ids[base + j] = BigInt(row.ids[j] as number);
    if (mask) mask.fill(1n, base, base + len);
    if (types && row.typeIds) for (let j = 0; j < len; j++) types[base + j] = BigInt(row.typeIds[j] ?? 0);
    if (positions) for (let j = 0; j < len; j++) positions[base + j] = BigInt(j);
  }
  const feeds: TensorMap = {};
  feeds[io.inputIds ?? 'input_ids'] = tensor(ids, batch, seqLen);
  if (mask && io.attentionMask) feeds[io.attentionMask] = tensor(mask, batch, seqLen);
  if (types && io.tokenTypeIds) feeds[io.tokenTypeIds] = tensor(types, batch, seqLen);
  if (positions && io.positionIds) feeds[io.positionIds] = tensor(positions, batch, seqLen);
  return { feeds, lengths, seqLen, starts };
}
