/** `{ "String": "…" }` or `{ "Regex": "…" }` as `tokenizer.json` stores patterns. */
export type PatternJson = { String: string } | { Regex: string };

/** A normalizer section of `tokenizer.json` (fields of every supported type, as the file spells them). */
export interface NormalizerJson {
  type: string;
  clean_text?: boolean;
  handle_chinese_chars?: boolean;
  strip_accents?: boolean | null;
  lowercase?: boolean;
  strip_left?: boolean;
  strip_right?: boolean;
  pattern?: PatternJson;
  content?: string;
  prepend?: string;
  precompiled_charsmap?: string | null;
  normalizers?: NormalizerJson[];
}

/** How a `Split` keeps the delimiters it finds. */
export type SplitBehavior =
  'Removed' | 'Isolated' | 'MergedWithPrevious' | 'MergedWithNext' | 'Contiguous';

/** A pre-tokenizer section of `tokenizer.json`. */
export interface PreTokenizerJson {
  type: string;
  add_prefix_space?: boolean;
  trim_offsets?: boolean;
  use_regex?: boolean;
  replacement?: string;
  prepend_scheme?: 'always' | 'first' | 'never';
  split?: boolean;
  pattern?: PatternJson;
  behavior?: SplitBehavior;
  invert?: boolean;
  individual_digits?: boolean;
  delimiter?: string;
  pretokenizers?: PreTokenizerJson[];
}

/** A model section of `tokenizer.json`. */
export interface ModelJson {
  type?: string;
  vocab?: Record<string, number> | [string, number][];
  merges?: string[] | [string, string][];
  unk_token?: string | null;
  unk_id?: number | null;
  continuing_subword_prefix?: string | null;
  end_of_word_suffix?: string | null;
  max_input_chars_per_word?: number;
  fuse_unk?: boolean;
  byte_fallback?: boolean;
  ignore_merges?: boolean;
  dropout?: number | null;
}

/** One piece of a `TemplateProcessing` template. */
export type TemplatePieceJson =
  | { Sequence: { id: 'A' | 'B'; type_id: number } }
  | { SpecialToken: { id: string; type_id: number } };

/** A post-processor section of `tokenizer.json`. */
export interface PostProcessorJson {
  type: string;
  sep?: [string, number];
  cls?: [string, number];
  trim_offsets?: boolean;
  add_prefix_space?: boolean;
  single?: TemplatePieceJson[];
  pair?: TemplatePieceJson[];
  special_tokens?: Record<string, { id: string; ids: number[]; tokens: string[] }>;
  processors?: PostProcessorJson[];
}

/** A decoder section of `tokenizer.json`. */
export interface DecoderJson {
  type: string;
  prefix?: string;
  cleanup?: boolean;
  suffix?: string;
  replacement?: string;
  prepend_scheme?: 'always' | 'first' | 'never';
  split?: boolean;
  add_prefix_space?: boolean;
  trim_offsets?: boolean;
  use_regex?: boolean;
  pattern?: PatternJson;
  content?: string;
  start?: number;
  stop?: number;
  pad_token?: string;
  word_delimiter_token?: string;
  decoders?: DecoderJson[];
}

/** An `added_tokens` entry. */
export interface AddedTokenJson {
  id: number;
  content: string;
  single_word?: boolean;
  lstrip?: boolean;
  rstrip?: boolean;
  normalized?: boolean;
  special?: boolean;
}

/** The `truncation` section. */
export interface TruncationJson {
  max_length: number;
  stride?: number;
  strategy?: 'LongestFirst' | 'OnlyFirst' | 'OnlySecond';
  direction?: 'Left' | 'Right';
}

/** The `padding` section. */
export interface PaddingJson {
  strategy?: 'BatchLongest' | { Fixed: number };
  direction?: 'Left' | 'Right';
  pad_to_multiple_of?: number | null;
  pad_id?: number;
  pad_type_id?: number;
  pad_token?: string;
}

/** The whole `tokenizer.json` file as Hugging Face writes it. */
export interface TokenizerJson {
  version?: string;
  truncation?: TruncationJson | null;
  padding?: PaddingJson | null;
  added_tokens?: AddedTokenJson[];
  normalizer?: NormalizerJson | null;
  pre_tokenizer?: PreTokenizerJson | null;
  model: ModelJson;
  post_processor?: PostProcessorJson | null;
  decoder?: DecoderJson | null;
}

/** `[start, end)` of a token in the input text. */
export type Offset = [number, number];

/** The result of {@link Tokenizer.encode}: Hugging Face's `Encoding`, camelCased. */
export interface Encoding {
  ids: number[];
  typeIds: number[];
  tokens: string[];
  /** UTF-16 offsets by default (`text.slice(start, end)`), code points with `offsetType: 'codePoint'`. */
  offsets: Offset[];
  attentionMask: number[];
  specialTokensMask: number[];
  /** Index of the pre-tokenized word each token comes from, `null` for special tokens and padding. */
  wordIds: (number | null)[];
  /** Which input (0 or 1) each token comes from, `null` for special tokens and padding. */
  sequenceIds: (number | null)[];
  /** The windows cut off by truncation, each a full encoding. */
  overflowing: Encoding[];
}

/** Options of {@link Tokenizer.encode}. */
export interface EncodeOptions {
  /** Apply the post-processor's special tokens (`[CLS]`, `</s>`, …). @defaultValue true */
  addSpecialTokens?: boolean;
  /** `'utf16'`: offsets index the JavaScript string; `'codePoint'`: as Python reports them. @defaultValue 'utf16' */
  offsetType?: 'utf16' | 'codePoint';
}

/** Options of {@link Tokenizer.decode}. */
export interface DecodeOptions {
  /** Drop special tokens. @defaultValue true */
  skipSpecialTokens?: boolean;
  /**
   * Apply transformers' `clean_up_tokenization` (" ." → "." …) after the decoder.
   * @defaultValue false (the decoder in the file already does what the model needs)
   */
  cleanUpTokenizationSpaces?: boolean;
}

/** Truncation settings, as Hugging Face's `enable_truncation`. */
export interface TruncationOptions {
  /** @defaultValue 0 */
  stride?: number;
  /** @defaultValue 'longest_first' */
  strategy?: 'longest_first' | 'only_first' | 'only_second';
  /** @defaultValue 'right' */
  direction?: 'left' | 'right';
}

/** Padding settings, as Hugging Face's `enable_padding`. */
export interface PaddingOptions {
  /** Fixed length; `undefined` pads each batch to its longest. @defaultValue undefined */
  length?: number;
  /** @defaultValue 'right' */
  direction?: 'left' | 'right';
  /** @defaultValue undefined */
  padToMultipleOf?: number;
  /** @defaultValue 0 */
  padId?: number;
  /** @defaultValue 0 */
  padTypeId?: number;
  /** @defaultValue '[PAD]' */
  padToken?: string;
}

/** An added token as {@link Tokenizer.getAddedTokens} reports it. */
export interface AddedToken {
  id: number;
  content: string;
  special: boolean;
  singleWord: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
}
