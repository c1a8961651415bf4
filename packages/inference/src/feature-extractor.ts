import { collate } from './collate';
import { InferenceError } from './errors';
import {
  checkIds,
  checkVocabulary,
  fitLength,
  maxSequenceLength,
  requireIo,
  TRUNCATION_FIX,
} from './model-checks';
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

/**
 * Pools an encoder's `last_hidden_state [batch, seq, hidden]` into one vector per row: CLS, or mean / max over the
 * positions whose mask is 1 (padding never counts). Pure function, exported for callers with their own hidden states.
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

  /** @throws {InferenceError} `MISSING_OUTPUT` when the model has no `last_hidden_state`; `VOCAB_TOO_LARGE`. */
  constructor(model: ModelRunner, tokenizer: TokenizerLike, options: FeatureExtractorOptions = {}) {
    requireIo(model, 'inputIds', 'FeatureExtractor');
    this.#hidden = requireIo(model, 'lastHiddenState', 'FeatureExtractor');
    checkVocabulary(model, tokenizer, 'FeatureExtractor');
    this.#model = model;
    this.#tokenizer = tokenizer;
    this.#options = options;
  }

  /**
   * One vector per text, in input order.
   * @throws {InferenceError} `SEQUENCE_TOO_LONG`, `BATCH_TOO_LARGE`, `INVALID_OPTION` for an unknown pooling.
   */
  async extract(texts: readonly string[], options: ExtractOptions = {}): Promise<Float32Array[]> {
    const task = 'FeatureExtractor.extract';
    const pooling = options.pooling ?? 'mean';
    if (!['cls', 'mean', 'max'].includes(pooling)) {
      throw new InferenceError(
        'INVALID_OPTION',
        `${task}: pooling must be 'cls', 'mean' or 'max', got ${JSON.stringify(pooling)}`,
      );
    }
    const limit = maxSequenceLength(this.#model, this.#options.maxLength);
    const truncation = this.#options.truncation ?? false;
    const rows = texts.map((text, i) => {
      const enc = this.#tokenizer.encode(text);
      const ids = fitLength(enc.ids, limit, truncation, true, `text ${i}`, task, TRUNCATION_FIX);
      checkIds(this.#model, ids, `text ${i}`, task);
      return {
        ids,
        typeIds:
          enc.typeIds &&
          fitLength(enc.typeIds, limit, truncation, true, `text ${i}`, task, TRUNCATION_FIX),
      };
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
          options.normalize ?? false,
        );
      },
    );
  }
}
