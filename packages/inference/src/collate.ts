import {
  checkArray,
  checkModelRunner,
  invalidInput,
  invalidOption,
  oneOfOption,
} from './argument-checks';
import { InferenceError } from './errors';
import type { ModelRunner, TensorLike, TensorMap } from './types';

// This package's own padding loop, beside task-inputs' padRows, on the hot path of every task: built on padRows,
// SequenceClassifier's JavaScript work per call grew by 3.5 µs at batch 1 (50 → 54 µs, stub model), and bench/run.ts's
// ratio to raw session.run + tokenize from 1.049–1.056× to 1.054–1.071× (6 runs each, 2026-12-08).

/** Padded id rows ready to feed, with each row's real length. */
export interface Collated {
  readonly feeds: TensorMap;
  readonly lengths: readonly number[];
  readonly seqLen: number;
  /** Where row `r`'s real tokens start (non-zero only with left padding). */
  readonly starts: readonly number[];
}

// Every Node platform in practice is little-endian; there an int64 element is its low 32-bit word then its sign word,
// so ids are written through an Int32Array view of the BigInt64Array's buffer instead of creating a BigInt each.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A zeroed `[batch, seq]` integer tensor and the 32-bit words to write it through. */
interface IntRows {
  readonly tensor: TensorLike;
  /** The Int32Array itself (int32), an Int32Array view of the int64 buffer, or `undefined` on big-endian hosts. */
  readonly words: Int32Array | undefined;
  /** Words per element: 1 for int32, 2 for int64. */
  readonly stride: 1 | 2;
}

function intRows(type: 'int64' | 'int32', batch: number, seqLen: number): IntRows {
  const dims = [batch, seqLen];
  if (type === 'int32') {
    const data = new Int32Array(batch * seqLen);
    return { tensor: { type, data, dims }, words: data, stride: 1 };
  }
  const data = new BigInt64Array(batch * seqLen);
  const words = LITTLE_ENDIAN ? new Int32Array(data.buffer) : undefined;
  return { tensor: { type, data, dims }, words, stride: 2 };
}

/** The element type to feed a model input: int32 where the model declares it, else int64 (Hugging Face exports). */
function inputType(model: ModelRunner, name: string): 'int64' | 'int32' {
  for (const v of model.inputs) if (v.name === name) return v.type === 'int32' ? 'int32' : 'int64';
  return 'int64';
}

/** Sets elements `[from, to)` to `value` (a 32-bit integer). */
function fillRange(t: IntRows, from: number, to: number, value: number): void {
  if (t.stride === 1) (t.tensor.data as Int32Array).fill(value, from, to);
  else (t.tensor.data as BigInt64Array).fill(BigInt(value), from, to);
}

/** Writes `values` (32-bit integers, checked by the caller) from element `at` on; elements start at zero. */
function writeRow(t: IntRows, at: number, values: readonly number[]): void {
  const { words, stride } = t;
  const n = values.length;
  if (words === undefined) {
    const data = t.tensor.data as BigInt64Array;
    for (let j = 0; j < n; j++) data[at + j] = BigInt(values[j] as number);
  } else if (stride === 1) {
    for (let j = 0; j < n; j++) words[at + j] = values[j] as number;
  } else {
    for (let j = 0; j < n; j++) {
      const v = values[j] as number;
      words[2 * (at + j)] = v;
      // The high word carries the sign: 0 for ids, -1 for negative values (-100 labels, -1 pads).
      words[2 * (at + j) + 1] = v >> 31;
    }
  }
}

/** Writes 0, 1, … n - 1 from element `at` on. */
function writeCount(t: IntRows, at: number, n: number): void {
  const { words, stride } = t;
  if (words === undefined) {
    const data = t.tensor.data as BigInt64Array;
    for (let j = 0; j < n; j++) data[at + j] = BigInt(j);
  } else for (let j = 0; j < n; j++) words[stride * (at + j)] = j;
}

/** Throws unless every value is an integer that fits 32 bits (the words the tensors are written through). */
function checkInt32(values: readonly number[], what: () => string): void {
  for (const v of values) {
    if ((v | 0) !== v) {
      throw new InferenceError(
        'VOCAB_TOO_LARGE',
        `collate: ${what()} has id ${v}, not a 32-bit integer token id; the tokenizer does not match the model`,
      );
    }
  }
}

/** Rows are `{ ids, typeIds? }` with arrays; the ids' values are checked as they are written. */
function checkRows(rows: unknown): void {
  checkArray(rows, 'rows', 'collate');
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as { ids?: unknown; typeIds?: unknown } | null;
    if (typeof row !== 'object' || row === null)
      throw invalidInput('collate', `rows[${r}]`, 'an object { ids, typeIds? }', row);
    checkArray(row.ids, `rows[${r}].ids`, 'collate');
    if (row.typeIds !== undefined) checkArray(row.typeIds, `rows[${r}].typeIds`, 'collate');
  }
}

/**
 * Pads id rows into the integer tensors a Hugging Face export takes, named by the model's own input names:
 * `input_ids`, and when the model declares them `attention_mask` (1 on real tokens), `token_type_ids` (the rows'
 * type ids, 0 elsewhere and for rows without them) and `position_ids` (0, 1, … over real tokens, as Hugging Face's
 * generate computes them). Tensors are int64 unless the model declares the input int32. Only the inputs the model
 * has are built.
 * @throws {InferenceError} `VOCAB_TOO_LARGE` for an id or pad id that is not a 32-bit integer; `INVALID_OPTION` for
 *   type ids of another length than the ids, a missing `padTokenId` or an unknown `side`; `INVALID_INPUT` for rows
 *   that are not `{ ids }` objects with id arrays; `EMPTY_INPUT` for no rows.
 */
export function collate(
  model: ModelRunner,
  rows: readonly { readonly ids: readonly number[]; readonly typeIds?: readonly number[] }[],
  options: { padTokenId: number; side?: 'right' | 'left' },
): Collated {
  checkModelRunner(model, 'collate');
  checkRows(rows);
  if (typeof options !== 'object' || options === null)
    throw invalidOption('collate', 'options', 'an object with padTokenId', options);
  const side = oneOfOption('collate', 'side', options.side, ['right', 'left']) ?? 'right';
  const { padTokenId } = options;
  if (typeof padTokenId !== 'number')
    throw invalidOption('collate', 'padTokenId', 'a token id', padTokenId);
  const io = model.io;
  const batch = rows.length;
  if (batch === 0) throw new InferenceError('EMPTY_INPUT', 'collate: the batch has no rows');
  checkInt32([padTokenId], () => 'padTokenId');
  const lengths = rows.map((r) => r.ids.length);
  let seqLen = 0;
  for (const len of lengths) seqLen = Math.max(seqLen, len);
  const starts = lengths.map((len) => (side === 'left' ? seqLen - len : 0));
  const idsName = io.inputIds ?? 'input_ids';
  const ids = intRows(inputType(model, idsName), batch, seqLen);
  const mask = io.attentionMask && intRows(inputType(model, io.attentionMask), batch, seqLen);
  const typeIds = io.tokenTypeIds && intRows(inputType(model, io.tokenTypeIds), batch, seqLen);
  const positions = io.positionIds && intRows(inputType(model, io.positionIds), batch, seqLen);
  // Positions on padding are 1, as Hugging Face's generate fills them (never read).
  if (positions) fillRange(positions, 0, batch * seqLen, 1);
  for (let r = 0; r < batch; r++) {
    const row = rows[r] as (typeof rows)[number];
    const len = lengths[r] as number;
    const at = r * seqLen + (starts[r] as number);
    checkInt32(row.ids, () => `row ${r}`);
    if (padTokenId !== 0 && len < seqLen) {
      if (side === 'left') fillRange(ids, r * seqLen, at, padTokenId);
      else fillRange(ids, at + len, (r + 1) * seqLen, padTokenId);
    }
    writeRow(ids, at, row.ids);
    if (mask) fillRange(mask, at, at + len, 1);
    if (typeIds && row.typeIds) {
      if (row.typeIds.length !== len) {
        throw new InferenceError(
          'INVALID_OPTION',
          `collate: row ${r} has ${len} ids but ${row.typeIds.length} type ids; give one type id per token`,
        );
      }
      checkInt32(row.typeIds, () => `row ${r}'s type ids`);
      writeRow(typeIds, at, row.typeIds);
    }
    if (positions) writeCount(positions, at, len);
  }
  const feeds: TensorMap = { [idsName]: ids.tensor };
  if (io.attentionMask && mask) feeds[io.attentionMask] = mask.tensor;
  if (io.tokenTypeIds && typeIds) feeds[io.tokenTypeIds] = typeIds.tensor;
  if (io.positionIds && positions) feeds[io.positionIds] = positions.tensor;
  return { feeds, lengths, seqLen, starts };
}
