import {
  booleanOption,
  checkArray,
  checkBatchOptions,
  checkModelRunner,
  checkStrings,
  checkTokenizer,
  invalidInput,
  invalidOption,
  oneOfOption,
  optionsObject,
  tokenIdOption,
} from './argument-checks';
import { collate } from './collate';
import { InferenceError } from './errors';
import { checkLengthOptions, checkVocabulary, fitEncoding, requireIo } from './model-checks';
import { checkBatchBytes, mapInBatches } from './plan-batches';
import type { BatchOptions, ModelRunner, RunOptions, TokenizerLike } from './types';

/** How token vectors become one vector per text. */
export type Pooling = 'cls' | 'mean' | 'max';

/** Options of {@link FeatureExtractor.extract}. */
export interface ExtractOptions extends BatchOptions, RunOptions {
  /** `'cls'`: the first token's vector; `'mean'`/`'max'`: over real tokens only (attention mask 1). @defaultValue `'mean'` */
  readonly pooling?: Pooling;
  /** Scale each vector to unit L2 norm (cosine similarity becomes a dot product). @defaultValue `false` */
  readonly normalize?: boolean;
}

/** Options of {@link FeatureExtractor}. */
export interface FeatureExtractorOptions {
  /** @defaultValue config.json `pad_token_id`, else 0 */
  readonly padTokenId?: number;
  /** Cut texts longer than `maxLength` instead of throwing `SEQUENCE_TOO_LONG`. @defaultValue `false` */
  readonly truncation?: boolean;
  /** @defaultValue config.json `max_position_embeddings` */
  readonly maxLength?: number;
}

function checkPoolingArguments(
  hidden: { readonly data: Float32Array; readonly dims: readonly number[] },
  lengths: readonly number[],
  pooling: unknown,
  normalize: unknown,
  starts: readonly number[],
  task: string,
): void {
  oneOfOption(task, 'pooling', pooling, ['cls', 'mean', 'max']);
  if (pooling === undefined)
    throw invalidOption(task, 'pooling', "'cls', 'mean' or 'max'", pooling);
  if (typeof normalize !== 'boolean')
    throw invalidInput(task, 'normalize', 'true or false', normalize);
  const h = hidden as { data?: unknown; dims?: unknown } | null;
  if (typeof h !== 'object' || h === null || !(h.data instanceof Float32Array))
    throw invalidInput(task, 'hidden', 'a { data: Float32Array, dims } tensor', hidden);
  const dims = h.dims;
  if (
    !Array.isArray(dims) ||
    dims.length !== 3 ||
    !dims.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0) ||
    (dims as number[]).reduce((a, d) => a * d, 1) !== h.data.length
  )
    throw invalidInput(
      task,
      'hidden.dims',
      `[batch, seq, width] with product ${h.data.length}`,
      dims,
    );
  const [batch, seqLen] = dims as [number, number, number];
  const data = h.data;
  for (let i = 0; i < data.length; i++)
    if (!Number.isFinite(data[i]))
      throw invalidInput(task, `hidden.data[${i}]`, 'a finite number', data[i]);
  checkArray(lengths, 'lengths', task);
  checkArray(starts, 'starts', task);
  if (lengths.length !== batch)
    throw invalidInput(task, 'lengths', `one length per row (${batch})`, lengths);
  for (let r = 0; r < batch; r++) {
    const len = lengths[r];
    const start = starts[r] ?? 0;
    if (typeof start !== 'number' || !Number.isSafeInteger(start) || start < 0 || start > seqLen)
      throw invalidInput(task, `starts[${r}]`, `an integer in 0..${seqLen}`, start);
    if (typeof len !== 'number' || !Number.isSafeInteger(len) || len < 0 || start + len > seqLen)
      throw invalidInput(task, `lengths[${r}]`, `an integer in 0..${seqLen - start}`, len);
    // No token to pool: mean would divide by zero, max would be -Infinity and its norm NaN.
    if (len === 0) throw new InferenceError('EMPTY_INPUT', `${task}: row ${r} has length 0`);
  }
}

/**
 * Pools an encoder's `last_hidden_state [batch, seq, hidden]` into one vector per row: CLS, or mean / max over the
 * positions whose mask is 1 (padding never counts). Pure function, exported for callers with their own hidden states.
 * @throws {InferenceError} `INVALID_INPUT` for a hidden state that is not float32 `[batch, seq, width]` of finite
 *   values, or lengths / starts that do not fit it; `INVALID_OPTION` for an unknown pooling; `EMPTY_INPUT` for a
 *   row of length 0 (no token to pool).
 * @example poolHiddenStates(hidden, [4, 2], 'mean', true) // [Float32Array(hidden), Float32Array(hidden)]
 * @see https://www.sbert.net/docs/package_reference/sentence_transformer/models.html#sentence_transformers.models.Pooling
 */
export function poolHiddenStates(
  hidden: { readonly data: Float32Array; readonly dims: readonly number[] },
  lengths: readonly number[],
  pooling: Pooling,
  normalize: boolean,
  starts: readonly number[] = [],
): Float32Array[] {
  checkPoolingArguments(hidden, lengths, pooling, normalize, starts, 'poolHiddenStates');
  const [batch, seqLen, width] = hidden.dims as [number, number, number];
  const out: Float32Array[] = [];
  for (let r = 0; r < batch; r++) {
    const len = lengths[r] as number;
    const start = starts[r] ?? 0;
    const v = new Float64Array(width);
    const row = (r * seqLen + start) * width;
    if (pooling === 'cls') {
      for (let k = 0; k < width; k++) v[k] = hidden.data[row + k] as number;
    } else if (pooling === 'mean') {
      for (let j = 0; j < len; j++)
        for (let k = 0; k < width; k++)
          v[k] = (v[k] as number) + (hidden.data[row + j * width + k] as number);
      for (let k = 0; k < width; k++) v[k] = (v[k] as number) / Math.max(len, 1);
    } else {
      v.fill(-Infinity);
      for (let j = 0; j < len; j++)
        for (let k = 0; k < width; k++)
          v[k] = Math.max(v[k] as number, hidden.data[row + j * width + k] as number);
    }
    if (normalize) {
      let norm = 0;
      for (let k = 0; k < width; k++) norm += (v[k] as number) ** 2;
      // same guard as torch.nn.functional.normalize: divide by max(norm, 1e-12)
      norm = Math.max(Math.sqrt(norm), 1e-12);
      for (let k = 0; k < width; k++) v[k] = (v[k] as number) / norm;
    }
    out.push(Float32Array.from(v));
  }
  return out;
}

/**
 * Sentence features from an encoder's `last_hidden_state`: CLS, mean or max pooling under the attention mask, optional
 * L2 normalisation — the frozen-encoder features a new classification head trains on.
 * @example
 * const fx = new FeatureExtractor(await createSession('bert/model.onnx'), tokenizer);
 * const [a, b] = await fx.extract(['a cat', 'a dog'], { pooling: 'mean', normalize: true });
 */
export class FeatureExtractor {
  readonly #model: ModelRunner;
  readonly #tokenizer: TokenizerLike;
  readonly #options: FeatureExtractorOptions;
  readonly #hidden: string;

  /**
   * @throws {InferenceError} `MISSING_OUTPUT` when the model has no `last_hidden_state`; `VOCAB_TOO_LARGE`;
   *   `INVALID_INPUT` for a model or tokenizer without the members tasks call; `INVALID_OPTION` naming a bad option
   *   (`maxLength` is 1..the model's positions).
   */
  constructor(model: ModelRunner, tokenizer: TokenizerLike, options: FeatureExtractorOptions = {}) {
    const task = 'FeatureExtractor';
    checkModelRunner(model, task);
    checkTokenizer(tokenizer, task);
    const o = optionsObject(options, task);
    tokenIdOption(task, 'padTokenId', o.padTokenId, -(2 ** 31));
    checkLengthOptions(task, o, model);
    requireIo(model, 'inputIds', 'FeatureExtractor');
    this.#hidden = requireIo(model, 'lastHiddenState', 'FeatureExtractor');
    checkVocabulary(model, tokenizer, 'FeatureExtractor');
    this.#model = model;
    this.#tokenizer = tokenizer;
    this.#options = options;
  }

  /**
   * One vector per text, in input order.
   * @throws {InferenceError} `SEQUENCE_TOO_LONG`, `BATCH_TOO_LARGE`, `INVALID_OPTION` for an unknown pooling or a
   *   bad batch option; `INVALID_INPUT` for texts that are not an array of strings; `EMPTY_INPUT` for a text with no
   *   tokens.
   */
  async extract(texts: readonly string[], options: ExtractOptions = {}): Promise<Float32Array[]> {
    const task = 'FeatureExtractor.extract';
    checkStrings(texts, 'texts', task);
    optionsObject(options, task);
    checkBatchOptions(options, task);
    const pooling = oneOfOption(task, 'pooling', options.pooling, ['cls', 'mean', 'max']) ?? 'mean';
    const normalize = booleanOption(task, 'normalize', options.normalize) ?? false;
    const rows = texts.map((text, i) => {
      const row = fitEncoding(
        this.#model,
        this.#tokenizer.encode(text),
        this.#options,
        `text ${i}`,
        task,
      );
      if (row.ids.length === 0)
        throw new InferenceError('EMPTY_INPUT', `${task}: text ${i} has no tokens`);
      return row;
    });
    const padTokenId = this.#options.padTokenId ?? this.#model.config?.padTokenId ?? 0;
    return mapInBatches(
      rows.map((r) => r.ids.length),
      options,
      async (indices) => {
        const { feeds, lengths, seqLen } = collate(
          this.#model,
          indices.map((i) => rows[i] as (typeof rows)[number]),
          { padTokenId },
        );
        checkBatchBytes(
          this.#model.outputs,
          indices.length,
          seqLen,
          options.maxBatchBytes ?? 2 ** 30,
          task,
        );
        const hidden = (await this.#model.run(feeds, options))[this.#hidden];
        if (!hidden || hidden.type !== 'float32' || hidden.dims.length !== 3) {
          throw new InferenceError(
            'MISSING_OUTPUT',
            `${task}: expected ${this.#hidden} as float32 [batch, seq, hidden]`,
          );
        }
        return poolHiddenStates(
          { data: hidden.data as Float32Array, dims: hidden.dims },
          lengths,
          pooling,
          normalize,
        );
      },
    );
  }
}
