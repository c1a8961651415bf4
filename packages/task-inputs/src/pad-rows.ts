import { checkArray, checkIdsObject, checkObject } from './check-args';
import { TaskInputError } from './errors';
import { fillRange, intRows, writeCount, writeValues, type IntRows } from './int-rows';
import { MAX_PADDED_LENGTH } from './pad-encodings';
import type { IntElementType, Side, TensorLike } from './types';

/** One sequence to collate: what {@link encodeInputs} or the GPT functions return. */
export interface CollateItem {
  readonly ids: readonly number[];
  /** @defaultValue 1 for every id */
  readonly attentionMask?: readonly number[];
  readonly typeIds?: readonly number[];
}

/** Which tensors {@link padRows} builds, with the element type of each; a tensor left out is not built. */
export interface PaddedTensorTypes {
  readonly inputIds: IntElementType;
  /** The rows' `attentionMask` (1 for each id without one), 0 on padding. */
  readonly attentionMask?: IntElementType;
  /** The rows' `typeIds` (0 for rows without them), 0 on padding. */
  readonly tokenTypeIds?: IntElementType;
  /** 0, 1, … over each row's ids and 1 on padding, as Hugging Face's `generate` computes them. */
  readonly positionIds?: IntElementType;
}

/** Options of {@link padRows}. */
export interface PadRowsOptions {
  /** Elements per row; no row may be longer. @defaultValue the longest row's length */
  readonly length?: number;
  /** What `inputIds` is padded with, a 32-bit integer. @defaultValue 0 */
  readonly padId?: number;
  /** Where the pad elements go. @defaultValue 'right' */
  readonly paddingSide?: Side;
  /** The tensors to build. @defaultValue `{ inputIds: 'int64', attentionMask: 'int64' }` */
  readonly tensors?: PaddedTensorTypes;
}

/** The `[rows, length]` tensors {@link padRows} built, and where each row's ids start in them. */
export interface PaddedRows {
  readonly inputIds: TensorLike<IntElementType>;
  readonly attentionMask?: TensorLike<IntElementType>;
  readonly tokenTypeIds?: TensorLike<IntElementType>;
  readonly positionIds?: TensorLike<IntElementType>;
  /** The element of its row where each row's first id is: 0 with right padding, `length - ids.length` with left. */
  readonly starts: readonly number[];
}

const DEFAULT_TENSORS: PaddedTensorTypes = { inputIds: 'int64', attentionMask: 'int64' };
const INT_TYPES: readonly unknown[] = ['int64', 'int32'];
const TENSOR_NAMES = ['inputIds', 'attentionMask', 'tokenTypeIds', 'positionIds'] as const;

const isInt32 = (v: unknown): boolean => typeof v === 'number' && (v | 0) === v;

function checkValues(values: unknown, n: number, what: string): void {
  if (!Array.isArray(values))
    throw new TaskInputError('INVALID_INPUT', `padRows: ${what} must be an array`);
  if (values.length !== n)
    throw new TaskInputError(
      'INCONSISTENT_SHAPES',
      `padRows: ${what} has ${values.length} entries for ${n} ids; give one per id`,
    );
  const bad = values.findIndex((v) => !isInt32(v));
  if (bad >= 0)
    throw new TaskInputError(
      'INVALID_OPTION',
      `padRows: ${what}[${bad}] is ${String(values[bad])}, not a 32-bit integer`,
    );
}

function checkTensors(tensors: unknown): asserts tensors is PaddedTensorTypes {
  checkObject(tensors, 'options.tensors', 'padRows', true);
  for (const name of TENSOR_NAMES) {
    const type = (tensors as Record<string, unknown>)[name];
    if ((type !== undefined || name === 'inputIds') && !INT_TYPES.includes(type))
      throw new TaskInputError(
        'INVALID_OPTION',
        `padRows: options.tensors.${name} must be 'int64' or 'int32', got ${JSON.stringify(type) ?? 'undefined'}`,
      );
  }
}

/**
 * Pads rows of token ids into `[rows, length]` integer tensors: `inputIds` and, as `tensors` asks, `attentionMask`,
 * `tokenTypeIds` and `positionIds`, each of its own element type. The padding loop behind {@link collateBatch},
 * {@link collateMultipleChoice} and the training pipelines' collates of @nlpft/training; a row's `attentionMask` and `typeIds` are read
 * only when their tensor is built.
 * @throws {TaskInputError} `INCONSISTENT_SHAPES` for a row longer than `length` or a mask or type ids of another
 *   length than its ids; `INVALID_OPTION` for a value or `padId` that is not a 32-bit integer, a bad side, tensor
 *   type or `length`; `INVALID_INPUT` for rows that are not `{ ids }` objects.
 * @example padRows([{ ids: [5, 6] }, { ids: [7] }], { padId: 1, paddingSide: 'left' }).inputIds.data // [5n, 6n, 1n, 7n]
 */
export function padRows(rows: readonly CollateItem[], options: PadRowsOptions = {}): PaddedRows {
  checkArray(rows, 'rows', 'padRows');
  rows.forEach((row: unknown, r) => checkIdsObject(row, `rows[${r}]`, 'padRows'));
  checkObject(options, 'options', 'padRows');
  const { padId = 0, paddingSide = 'right', tensors = DEFAULT_TENSORS } = options;
  if (!isInt32(padId))
    throw new TaskInputError(
      'INVALID_OPTION',
      `padRows: padId must be a 32-bit integer, got ${String(padId)}`,
    );
  if (paddingSide !== 'left' && paddingSide !== 'right')
    throw new TaskInputError(
      'INVALID_OPTION',
      `padRows: paddingSide must be 'left' or 'right', got ${JSON.stringify(paddingSide)}`,
    );
  checkTensors(tensors);
  let longest = 0;
  rows.forEach((row, r) => {
    const n = row.ids.length;
    longest = Math.max(longest, n);
    checkValues(row.ids, n, `rows[${r}].ids`);
    if (tensors.attentionMask && row.attentionMask !== undefined)
      checkValues(row.attentionMask, n, `rows[${r}].attentionMask`);
    if (tensors.tokenTypeIds && row.typeIds !== undefined)
      checkValues(row.typeIds, n, `rows[${r}].typeIds`);
  });
  const length = options.length ?? longest;
  // Padding past the rows' own length is capped: a huge `length` would only fail in the allocation.
  if (!Number.isInteger(length) || length < 0 || (length > longest && length > MAX_PADDED_LENGTH))
    throw new TaskInputError(
      'INVALID_OPTION',
      `padRows: length must be an integer in [0, ${MAX_PADDED_LENGTH}] (2^20) or the longest row's, got ${String(length)}`,
    );
  if (longest > length)
    throw new TaskInputError(
      'INCONSISTENT_SHAPES',
      `padRows: a row has ${longest} ids, more than length ${length}; truncate it first`,
    );
  return writePaddedRows(rows, length, padId, paddingSide, tensors);
}

/**
 * {@link padRows} without its argument checks, for this package's collates, which check their own arguments with
 * their own messages. Values are written as 32-bit integers; rows must fit `length`, masks and type ids their ids.
 */
export function writePaddedRows(
  rows: readonly CollateItem[],
  length: number,
  padId: number,
  side: Side,
  tensors: PaddedTensorTypes,
): PaddedRows {
  const batch = rows.length;
  const build = (type: IntElementType | undefined): IntRows | undefined =>
    type === undefined ? undefined : intRows(type, batch, length);
  const ids = intRows(tensors.inputIds, batch, length);
  const mask = build(tensors.attentionMask);
  const types = build(tensors.tokenTypeIds);
  const positions = build(tensors.positionIds);
  // Positions on padding are 1, as Hugging Face's generate fills them (never read).
  if (positions) fillRange(positions, 0, batch * length, 1);
  const starts: number[] = [];
  for (let r = 0; r < batch; r++) {
    const row = rows[r]!;
    const n = row.ids.length;
    const start = side === 'left' ? length - n : 0;
    const at = r * length + start;
    starts.push(start);
    if (padId !== 0 && n < length) {
      if (side === 'left') fillRange(ids, r * length, at, padId);
      else fillRange(ids, at + n, (r + 1) * length, padId);
    }
    writeValues(ids, at, row.ids);
    if (mask) {
      if (row.attentionMask) writeValues(mask, at, row.attentionMask);
      else fillRange(mask, at, at + n, 1);
    }
    if (types && row.typeIds) writeValues(types, at, row.typeIds);
    if (positions) writeCount(positions, at, n);
  }
  return {
    inputIds: ids.tensor,
    ...(mask ? { attentionMask: mask.tensor } : {}),
    ...(types ? { tokenTypeIds: types.tensor } : {}),
    ...(positions ? { positionIds: positions.tensor } : {}),
    starts,
  };
}
