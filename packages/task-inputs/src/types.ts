/** A `[start, end)` character span in the caller's string, in UTF-16 code units (`text.slice(start, end)`). */
export type Offset = readonly [number, number];

/** A token given by its vocabulary string (looked up with `tokenToId`) or directly by its id. */
export type TokenOrId = string | number;

/** Token ids of one text, without special tokens, and where each token came from in the text. */
export interface TokenSequence {
  readonly ids: readonly number[];
  /** One span per id, in UTF-16 code units of the encoded text. Needed by QA features only. */
  readonly offsets?: readonly Offset[];
}

/**
 * What this package needs from a tokenizer. `Tokenizer` from `@nlpft/tokenizers` has this shape; other tokenizers
 * need a few-line adapter (see the README). `encode` is called as `encode(text, null, { addSpecialTokens: false })`,
 * the Hugging Face binding's argument order, and must return the text's ids without special tokens.
 */
export interface TokenizerLike {
  encode(text: string, pair?: null, options?: { addSpecialTokens?: boolean }): TokenSequence;
  /** The id of a vocabulary entry, or `undefined`/`null` when it has none. */
  tokenToId(token: string): number | null | undefined;
  /** The pair template of this tokenizer, used when a function is not given one. */
  readonly pairTemplate?: PairTemplate;
}

/** One piece of a pair template: an input sequence, or a special token (a token string, an id, or several ids). */
export type TemplatePiece =
  | { readonly sequence: 'A' | 'B'; readonly typeId?: number }
  | { readonly special: TokenOrId | readonly number[]; readonly typeId?: number };

/**
 * Where special tokens go around one sequence (`single`) or two (`pair`), with their token type ids, as the
 * Hugging Face post-processors define it. Build one with {@link parseTemplate}, {@link bertTemplate},
 * {@link robertaTemplate} or {@link templateFromPostProcessor}.
 */
export interface PairTemplate {
  readonly single: readonly TemplatePiece[];
  readonly pair: readonly TemplatePiece[];
  /**
   * Type ids of the tokens in overflowing windows. `'template'`: the template's type ids (what HF's
   * `RobertaProcessing` and `BertProcessing` do). `'sequence-index'`: 0 for A and 1 for B whatever the template says
   * (what HF's `TemplateProcessing` does, since it only retypes the first window).
   * @defaultValue 'template'
   */
  readonly overflowTypeIds?: 'template' | 'sequence-index';
}

/** How to cut an input that is too long; the Hugging Face names. */
export type TruncationStrategy = 'longest_first' | 'only_first' | 'only_second' | 'do_not_truncate';

/** Which end of a sequence is cut or padded. */
export type Side = 'left' | 'right';

/** How to pad: to the longest encoding of the call (a single call: its own length) or to `maxLength`. */
export type PaddingStrategy = 'longest' | 'max_length';

/**
 * Model inputs for one sequence or pair, as Hugging Face's `Encoding` with its fields camelCased. Special and pad
 * tokens have offset `[0, 0]` and sequence id `null`.
 */
export interface Encoding {
  readonly ids: number[];
  readonly typeIds: number[];
  readonly attentionMask: number[];
  readonly specialTokensMask: number[];
  readonly offsets: Offset[];
  /** 0 for tokens of the first text, 1 for the second, `null` for special and pad tokens. */
  readonly sequenceIds: (number | null)[];
  /**
   * The other windows when truncation cut the input (with `stride` tokens of overlap), in Hugging Face's order;
   * like HF, a window of a pair cut on both sides carries its own `overflowing`. {@link encodingWindows} flattens
   * one level, as `transformers` does with `return_overflowing_tokens=True`.
   */
  readonly overflowing: Encoding[];
}

/** Element types of the `{ type, data, dims }` tensors the nlpft packages pass around, spelled as onnxruntime does. */
export type TensorElementType = 'int64' | 'int32' | 'float32' | 'float16' | 'bool';

/** The integer element types token ids, masks and type ids are written as. */
export type IntElementType = 'int64' | 'int32';

/** The typed array holding each element type: `float16` as raw 16-bit patterns, `bool` as one byte per element. */
export interface TensorElementArrays {
  int64: BigInt64Array;
  int32: Int32Array;
  float32: Float32Array;
  float16: Uint16Array;
  bool: Uint8Array;
}

/**
 * A tensor as onnxruntime takes it (`new ort.Tensor(t.type, t.data, t.dims)`) without depending on onnxruntime:
 * row-major `data` of `dims`. The one tensor shape packages exchange; `@nlpft/inference` feeds and returns it, and
 * `BatchTensor` of `@nlpft/onnx` accepts it (it reads `data` and `dims`) for the element types a training graph takes.
 * `T` narrows it: `TensorLike<'float32'>` has a `Float32Array`.
 */
export interface TensorLike<T extends TensorElementType = TensorElementType> {
  readonly type: T;
  readonly data: TensorElementArrays[T];
  readonly dims: readonly number[];
}
