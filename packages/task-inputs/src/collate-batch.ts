import { checkArray, checkIdsObject, checkObject } from './check-args';
import { TaskInputError } from './errors';
import { writePaddedRows, type CollateItem } from './pad-rows';
import type { IntElementType, Side, TensorLike } from './types';

export type { CollateItem } from './pad-rows';

/** An integer tensor as onnxruntime takes it: `new ort.Tensor(t.type, t.data, t.dims)`. */
export type IntTensor = TensorLike<IntElementType>;

/** Model inputs keyed by the names Hugging Face / optimum ONNX exports use. */
export interface CollatedBatch {
  readonly input_ids: IntTensor;
  readonly attention_mask: IntTensor;
  /** Present when every item has `typeIds` (BERT-style inputs). */
  readonly token_type_ids?: IntTensor;
}

/** Options of {@link collateBatch} and {@link collateMultipleChoice}. */
export interface CollateOptions {
  /** Element type: `'int64'` (a `BigInt64Array`, what HF exports take) or `'int32'`. @defaultValue 'int64' */
  dtype?: IntElementType;
  /** Pad id for `input_ids`. @defaultValue 0 */
  padId?: number;
  /** Where pad tokens go. @defaultValue 'right' */
  paddingSide?: Side;
  /** Sequence length: the longest item (`'longest'`) or `maxLength`. @defaultValue 'longest' */
  padding?: 'longest' | 'max_length';
  /** The length `padding: 'max_length'` pads to; required with it. @defaultValue `undefined` */
  maxLength?: number;
  /** Round the sequence length up to a multiple of this. @defaultValue no rounding */
  padToMultipleOf?: number;
}

function checkInt32(items: readonly CollateItem[], dtype: string, fn: string): void {
  for (let b = 0; b < items.length; b++) {
    for (const v of items[b]!.ids) {
      // Ids must fit the Int32Array view (and the int32 dtype): |v| < 2^31.
      if (!Number.isInteger(v) || v > 2147483647 || v < -2147483648) {
        throw new TaskInputError(
          'INVALID_OPTION',
          `${fn}: item ${b} has id ${v}, not a 32-bit integer (dtype ${dtype})`,
        );
      }
    }
  }
}

function seqLength(items: readonly CollateItem[], options: CollateOptions, fn: string): number {
  let longest = 0;
  for (const it of items) longest = Math.max(longest, it.ids.length);
  let length = longest;
  if (options.padding === 'max_length') {
    if (options.maxLength === undefined) {
      throw new TaskInputError('INVALID_OPTION', `${fn}: padding 'max_length' needs maxLength`);
    }
    if (longest > options.maxLength) {
      throw new TaskInputError(
        'INCONSISTENT_SHAPES',
        `${fn}: an item has ${longest} tokens, more than maxLength ${options.maxLength}; truncate it first`,
      );
    }
    length = options.maxLength;
  }
  const m = options.padToMultipleOf;
  if (m && length % m > 0) length += m - (length % m);
  return length;
}

function fill(
  items: readonly CollateItem[],
  length: number,
  options: CollateOptions,
  fn: string,
  labels: (b: number) => string,
): CollatedBatch {
  const dtype = options.dtype ?? 'int64';
  if (dtype !== 'int64' && dtype !== 'int32') {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: dtype must be 'int64' or 'int32', got ${JSON.stringify(dtype)}`,
    );
  }
  checkInt32(items, dtype, fn);
  const withTypes = items.filter((it) => it.typeIds !== undefined).length;
  if (withTypes !== 0 && withTypes !== items.length) {
    throw new TaskInputError(
      'INCONSISTENT_SHAPES',
      `${fn}: ${withTypes} of ${items.length} items have typeIds; give them to all or none`,
    );
  }
  items.forEach((it, b) => {
    const n = it.ids.length;
    if (
      (it.attentionMask && it.attentionMask.length !== n) ||
      (it.typeIds && it.typeIds.length !== n)
    ) {
      throw new TaskInputError(
        'INCONSISTENT_SHAPES',
        `${fn}: ${labels(b)} has ${n} ids but ${it.attentionMask?.length ?? n} attention-mask and ${it.typeIds?.length ?? n} type entries`,
      );
    }
  });
  const { padId = 0, paddingSide = 'right' } = options;
  const padded = writePaddedRows(items, length, padId, paddingSide, {
    inputIds: dtype,
    attentionMask: dtype,
    ...(withTypes ? { tokenTypeIds: dtype } : {}),
  });
  return {
    input_ids: padded.inputIds,
    attention_mask: padded.attentionMask!,
    ...(padded.tokenTypeIds ? { token_type_ids: padded.tokenTypeIds } : {}),
  };
}

/**
 * Pads a batch of encoded sequences into one `[batch, seq]` tensor per model input — `input_ids`, `attention_mask`
 * and, when the items have type ids, `token_type_ids` — ready for `onnxruntime` (`new ort.Tensor(t.type, t.data,
 * t.dims)`). Pad positions get `padId`, attention 0 and type id 0.
 * @throws {TaskInputError} `INCONSISTENT_SHAPES` for an empty batch, an item whose fields differ in length, type ids
 *   on some items only, or an item longer than `maxLength`; `INVALID_OPTION` for an id outside 32 bits or a bad dtype.
 * @example collateBatch(encodeInputsBatch(tok, pairs, { template })) // { input_ids: { type: 'int64', data: BigInt64Array, dims: [2, 12] }, … }
 * @see https://huggingface.co/docs/optimum/exporters/onnx/overview
 */
export function collateBatch(
  items: readonly CollateItem[],
  options: CollateOptions = {},
): CollatedBatch {
  checkArray(items, 'items', 'collateBatch');
  items.forEach((it: unknown, b) => checkIdsObject(it, `items[${b}]`, 'collateBatch'));
  checkObject(options, 'options', 'collateBatch');
  if (items.length === 0)
    throw new TaskInputError('INCONSISTENT_SHAPES', 'collateBatch: the batch is empty');
  return fill(
    items,
    seqLength(items, options, 'collateBatch'),
    options,
    'collateBatch',
    (b) => `item ${b}`,
  );
}

/** One multiple-choice example: a sequence per choice, as rows (`gptMultipleChoice`) or as separate encodings. */
export type MultipleChoiceItem =
  | readonly CollateItem[]
  | {
      readonly ids: readonly (readonly number[])[];
      readonly attentionMask?: readonly (readonly number[])[];
      readonly typeIds?: readonly (readonly number[])[];
    };

function choices(item: MultipleChoiceItem): CollateItem[] {
  if (Array.isArray(item)) return item as CollateItem[];
  const rows = item as Exclude<MultipleChoiceItem, readonly CollateItem[]>;
  return rows.ids.map((ids, c) => ({
    ids,
    ...(rows.attentionMask ? { attentionMask: rows.attentionMask[c] ?? [] } : {}),
    ...(rows.typeIds ? { typeIds: rows.typeIds[c] ?? [] } : {}),
  }));
}

/**
 * Collates multiple-choice examples into `[batch, numChoices, seq]` tensors (what `AutoModelForMultipleChoice`
 * exports take), padding every choice of every example to one length.
 * @throws {TaskInputError} `INCONSISTENT_SHAPES` when examples have different numbers of choices, or for the cases of
 *   {@link collateBatch}.
 * @example collateMultipleChoice([gptMultipleChoice(tok, ctx, answers, { tokens })]).input_ids.dims // [1, 4, 37]
 */
export function collateMultipleChoice(
  items: readonly MultipleChoiceItem[],
  options: CollateOptions = {},
): CollatedBatch {
  const fn = 'collateMultipleChoice';
  checkArray(items, 'items', fn);
  items.forEach((it: unknown, b) => {
    if (Array.isArray(it))
      it.forEach((c: unknown, k) => checkIdsObject(c, `items[${b}][${k}]`, fn));
    else checkIdsObject(it, `items[${b}]`, fn);
  });
  checkObject(options, 'options', fn);
  if (items.length === 0)
    throw new TaskInputError('INCONSISTENT_SHAPES', 'collateMultipleChoice: the batch is empty');
  const perItem = items.map(choices);
  const numChoices = perItem[0]!.length;
  perItem.forEach((c, b) => {
    if (c.length !== numChoices) {
      throw new TaskInputError(
        'INCONSISTENT_SHAPES',
        `collateMultipleChoice: example ${b} has ${c.length} choices but example 0 has ${numChoices}; every example needs the same number`,
      );
    }
  });
  if (numChoices === 0)
    throw new TaskInputError(
      'INCONSISTENT_SHAPES',
      'collateMultipleChoice: examples have no choices',
    );
  const flat = perItem.flat();
  const length = seqLength(flat, options, 'collateMultipleChoice');
  const out = fill(
    flat,
    length,
    options,
    'collateMultipleChoice',
    (i) => `example ${Math.floor(i / numChoices)} choice ${i % numChoices}`,
  );
  const reshape = (t: IntTensor): IntTensor => ({ ...t, dims: [items.length, numChoices, length] });
  return {
    input_ids: reshape(out.input_ids),
    attention_mask: reshape(out.attention_mask),
    ...(out.token_type_ids ? { token_type_ids: reshape(out.token_type_ids) } : {}),
  };
}
