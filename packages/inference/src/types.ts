import type { TensorElementType, TensorLike } from '@nlpft/task-inputs';

export type { TensorElementArrays, TensorElementType, TensorLike } from '@nlpft/task-inputs';

/**
 * Where a session runs, in the words of the deprecated `device` option. `'auto'` tries CUDA and falls back to CPU when
 * the CUDA provider cannot load.
 * @deprecated Use {@link SessionOptions.executionProviders}: `'cpu'` is `['cpu']`, `'cuda'` is `['cuda']`, `'auto'`
 *   is `['cuda', 'cpu']`.
 */
export type Device = 'cpu' | 'cuda' | 'auto';

/** An onnxruntime execution provider: what a session may try (`executionProviders`) and what it runs on. */
export type Provider = 'cpu' | 'cuda';

/** onnxruntime's graph optimization levels. */
export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

/**
 * Element types of the tensors we pass in and read back.
 * @deprecated Use {@link TensorElementType} (of @nlpft/task-inputs, re-exported here): the same union.
 */
export type TensorType = TensorElementType;

/**
 * A typed-array tensor, independent of onnxruntime's `Tensor` class (which stays inside this package).
 * @deprecated Use {@link TensorLike} (of @nlpft/task-inputs, re-exported here): the same `{ type, data, dims }`.
 */
export type TensorData = TensorLike;

/** A float32 tensor, what model outputs are. */
export type FloatTensor = TensorLike<'float32'>;

/** Tensors keyed by model input or output name. */
export type TensorMap = Record<string, TensorLike>;

/** One model input or output as the ONNX graph declares it; symbolic dimensions are strings. */
export interface ValueInfo {
  readonly name: string;
  readonly type: string;
  readonly shape: readonly (number | string)[];
}

/**
 * The model's inputs and outputs mapped to their roles by the names Hugging Face / optimum exports use. Roles a model
 * lacks are `undefined`.
 */
export interface ModelIo {
  readonly inputIds: string | undefined;
  readonly attentionMask: string | undefined;
  readonly tokenTypeIds: string | undefined;
  readonly positionIds: string | undefined;
  readonly mcTokenIds: string | undefined;
  /** `past_key_values.{i}.key|value` (or `past.{i}.key|value`), one pair per layer, in layer order. */
  readonly pastKeyValues: readonly { readonly key: string; readonly value: string }[];
  /** `present.{i}.key|value`, one pair per layer, in layer order. */
  readonly presents: readonly { readonly key: string; readonly value: string }[];
  readonly logits: string | undefined;
  readonly lastHiddenState: string | undefined;
  readonly startLogits: string | undefined;
  readonly endLogits: string | undefined;
  readonly mcLogits: string | undefined;
}

/** What we read from a Hugging Face `config.json`; `raw` keeps the whole file. */
export interface ModelConfig {
  readonly modelType: string | undefined;
  readonly id2label: Readonly<Record<number, string>> | undefined;
  readonly label2id: Readonly<Record<string, number>> | undefined;
  readonly padTokenId: number | undefined;
  readonly bosTokenId: number | undefined;
  /** Every end-of-sequence id (`eos_token_id` may be a number or a list). */
  readonly eosTokenIds: readonly number[];
  readonly vocabSize: number | undefined;
  /** `max_position_embeddings` or GPT-2's `n_positions`. */
  readonly maxPositions: number | undefined;
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * Options of {@link createSession}, named as onnxruntime names them (`InferenceSession.SessionOptions`). The older
 * names `device`, `intraOpThreads` and `interOpThreads` still work as deprecated aliases; given with the new name,
 * an alias must agree with it.
 */
export interface SessionOptions {
  /**
   * Execution providers to try, in order: `['cpu']`, `['cuda']` (`PROVIDER_UNAVAILABLE` when its provider cannot load) or
   * `['cuda', 'cpu']` (CUDA, falling back to CPU with one log line; once CUDA failed to load, later sessions in the
   * process go straight to CPU).
   * @defaultValue `['cpu']`
   */
  readonly executionProviders?: readonly Provider[];
  /**
   * Where to run.
   * @deprecated Use `executionProviders`: `'cpu'` is `['cpu']`, `'cuda'` is `['cuda']`, `'auto'` is `['cuda', 'cpu']`.
   * @defaultValue `'cpu'`
   */
  readonly device?: Device;
  /** CUDA device ordinal. @defaultValue `0` */
  readonly deviceId?: number;
  /** Threads inside one operator, 0..1024; 0 lets onnxruntime choose (one per core). @defaultValue `0` */
  readonly intraOpNumThreads?: number;
  /** Threads across operators, 0..1024; 0 lets onnxruntime choose. @defaultValue `0` */
  readonly interOpNumThreads?: number;
  /**
   * Threads inside one operator.
   * @deprecated Use `intraOpNumThreads` (onnxruntime's name).
   * @defaultValue `0`
   */
  readonly intraOpThreads?: number;
  /**
   * Threads across operators.
   * @deprecated Use `interOpNumThreads` (onnxruntime's name).
   * @defaultValue `0`
   */
  readonly interOpThreads?: number;
  /** How far onnxruntime optimises the graph before running it. @defaultValue `'all'` */
  readonly graphOptimizationLevel?: GraphOptimizationLevel;
  /**
   * Let idle onnxruntime threads spin-wait for work (`session.intra_op.allow_spinning`). Spinning burns CPU that other
   * processes on a shared machine need; measured on a loaded 2-core machine it made runs slower, so it is off by
   * default (see the README's Performance section).
   * @defaultValue `false`
   */
  readonly spinning?: boolean;
  /**
   * The model's `config.json` contents, `false` to skip it, or `undefined` to read `config.json` beside a model
   * given as a path.
   * @defaultValue `undefined`
   */
  readonly config?: Readonly<Record<string, unknown>> | false;
  /**
   * Receives the one line saying which provider runs when CUDA may fall back to CPU (`['cuda', 'cpu']`).
   * @defaultValue `console.warn`
   */
  readonly log?: (message: string) => void;
}

/** Options of one model run. */
export interface RunOptions {
  /** Aborts a queued run (worker pool) or discards a running one's result. @defaultValue `undefined` (not abortable) */
  readonly signal?: AbortSignal;
}

/**
 * What the tasks need from a loaded model: its IO, its config and `run`. {@link InferenceModel} (in this thread) and
 * {@link WorkerPool} (in worker threads) both have it, so every task runs on either.
 */
export interface ModelRunner {
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  readonly io: ModelIo;
  readonly config: ModelConfig | undefined;
  readonly provider: Provider;
  run(feeds: TensorMap, options?: RunOptions): Promise<TensorMap>;
}

/** A token sequence as a tokenizer returns it; `Encoding` from @nlpft/tokenizers has this shape. */
export interface EncodingLike {
  readonly ids: readonly number[];
  readonly typeIds?: readonly number[];
  /** Character `[start, end)` of each token in the text it came from. */
  readonly offsets?: readonly (readonly [number, number])[];
}

/**
 * What the tasks need from a tokenizer. `Tokenizer` from @nlpft/tokenizers has this shape (checked by
 * `tokenizer-like.test-d.ts`), and it is also the `TokenizerLike` of @nlpft/task-inputs, which builds QA windows.
 */
export interface TokenizerLike {
  encode(
    text: string,
    pair?: string | null,
    options?: { addSpecialTokens?: boolean },
  ): EncodingLike;
  tokenToId(token: string): number | undefined;
}

/** A tokenizer that can also turn ids back into text (generation). */
export interface DecodingTokenizerLike extends TokenizerLike {
  decode(ids: readonly number[], options?: { skipSpecialTokens?: boolean }): string;
}

/** How many inputs go into one model run. */
export interface BatchOptions {
  /** Most sequences per run, a positive integer. @defaultValue `32` */
  readonly batchSize?: number;
  /** Most tokens (batch × padded length) per run, a positive integer; `undefined` for no budget. @defaultValue `undefined` */
  readonly maxTokens?: number;
  /**
   * Largest tensor one run may produce, in bytes (a positive number, `Infinity` for no cap); a batch above it throws
   * `BATCH_TOO_LARGE` before running.
   * @defaultValue `1073741824` (1 GiB)
   */
  readonly maxBatchBytes?: number;
}
