/** A token registered in `added_tokens`, in the layout Hugging Face writes. */
export interface TrainedAddedToken {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

/** A JSON component of `tokenizer.json` (normalizer, pre-tokenizer, post-processor, decoder). */
export interface ComponentJson {
  type: string;
  [key: string]: unknown;
}

/** The `model` section of a trained BPE tokenizer, as Hugging Face serialises it. */
export interface BpeModelJson {
  type: 'BPE';
  dropout: null;
  unk_token: string | null;
  continuing_subword_prefix: string | null;
  end_of_word_suffix: string | null;
  fuse_unk: boolean;
  byte_fallback: boolean;
  ignore_merges: boolean;
  vocab: Record<string, number>;
  merges: [string, string][];
}

/** The `model` section of a trained WordPiece tokenizer. */
export interface WordPieceModelJson {
  type: 'WordPiece';
  unk_token: string;
  continuing_subword_prefix: string;
  max_input_chars_per_word: number;
  vocab: Record<string, number>;
}

/** The `model` section of a trained Unigram tokenizer: pieces with their log probabilities. */
export interface UnigramModelJson {
  type: 'Unigram';
  unk_id: number | null;
  vocab: [string, number][];
  byte_fallback: boolean;
}

/** A complete `tokenizer.json` produced by a trainer; `JSON.stringify` it or save it with `saveTokenizerJson`. */
export interface TrainedTokenizerJson {
  version: '1.0';
  truncation: null;
  padding: null;
  added_tokens: TrainedAddedToken[];
  normalizer: ComponentJson | null;
  pre_tokenizer: ComponentJson | null;
  post_processor: ComponentJson | null;
  decoder: ComponentJson | null;
  model: BpeModelJson | WordPieceModelJson | UnigramModelJson;
}

/** What a trainer reports while it runs; passed to `onProgress`. */
export interface TrainingProgress {
  /** The step running now: reading texts, alphabet, counting pairs, merging, seeding, EM rounds (with pruning), done. */
  phase: 'read' | 'alphabet' | 'tokenize' | 'count-pairs' | 'merge' | 'seed' | 'em' | 'done';
  /** Units of work done in this phase (texts read, merges made, EM iterations). */
  done: number;
  /** Units of work expected in this phase, or `undefined` when unknown (reading an iterator). */
  total: number | undefined;
  /** Milliseconds since training started. */
  elapsedMs: number;
  /** Estimated milliseconds left in this phase, or `undefined` when it cannot be estimated. */
  etaMs: number | undefined;
}

/** Texts to train on: any iterable or async iterable of strings (an array, a generator, a stream of lines). */
export type TrainingTexts = Iterable<string> | AsyncIterable<string>;

/** Settings every trainer shares. */
export interface CommonTrainerOptions {
  /**
   * Target vocabulary size, special tokens included (BPE, WordPiece) or excluded (Unigram, as Hugging Face does).
   * @defaultValue 30000 for BPE and WordPiece, 8000 for Unigram
   */
  vocabSize?: number;
  /**
   * Special tokens, placed first in the vocabulary in this order and registered in `added_tokens`.
   * @defaultValue `[]`
   */
  specialTokens?: readonly string[];
  /**
   * Called periodically (at most every `progressIntervalMs`) and once at the end of each phase.
   * @defaultValue `undefined` (no callback)
   */
  onProgress?: (progress: TrainingProgress) => void;
  /**
   * Print progress lines (phase, counts, ETA) to stderr.
   * @defaultValue false
   */
  showProgress?: boolean;
  /**
   * Minimum time between two progress reports.
   * @defaultValue 500
   */
  progressIntervalMs?: number;
}
