import {
  booleanOption,
  checkIdList,
  checkModelRunner,
  checkRunOptions,
  checkString,
  checkTokenizer,
  idsOption,
  integerOption,
  invalidOption,
  stringsOption,
} from './argument-checks';
import { InferenceError } from './errors';
import { emptyPastFeeds, kvCacheShape } from './kv-cache';
import type { KvCacheShape } from './kv-cache';
import { checkSamplingOptions, pickToken, processLogits } from './logits-processors';
import { seededRandom } from './seeded-random';
import type { SamplingOptions } from './logits-processors';
import { checkIds, checkVocabulary, fitLength, requireIo } from './model-checks';
import { tokenizerVocabSize } from './tokenizer-vocab-size';
import type { DecodingTokenizerLike, ModelRunner, RunOptions, TensorMap } from './types';

/**
 * Most new tokens one call may ask for. Generation also stops when the model's positions run out; this cap bounds
 * the loop (and the ids it keeps) for models without a position limit.
 */
export const MAX_NEW_TOKENS = 65_536;

/** Options of {@link TextGenerator.generate} and {@link TextGenerator.stream}. */
export interface GenerateOptions extends SamplingOptions, RunOptions {
  /** An integer in 0..65536 ({@link MAX_NEW_TOKENS}). @defaultValue `20` */
  readonly maxNewTokens?: number;
  /** Ids that end generation (not included in the output). @defaultValue config.json `eos_token_id` */
  readonly stopTokenIds?: readonly number[];
  /** Non-empty texts that end generation; the output is cut before the first one. @defaultValue `[]` */
  readonly stopStrings?: readonly string[];
  /**
   * Seed of the sampler, an integer (taken modulo 2³²); the same seed, prompt and options give the same tokens.
   * @defaultValue a random seed
   */
  readonly seed?: number;
  /** Feed `past_key_values` back so each step runs one token. @defaultValue `true` when the model has them */
  readonly useCache?: boolean;
}

/** Why generation ended. */
export type FinishReason = 'stop' | 'length';

/** A finished generation. */
export interface GenerationResult {
  /** The new token ids (stop token excluded). */
  readonly ids: number[];
  /** Their decoded text, cut at a stop string. */
  readonly text: string;
  /** `'stop'`: a stop token or string; `'length'`: `maxNewTokens` or the model's positions ran out. */
  readonly finishReason: FinishReason;
}

/** One streamed token. */
export interface GeneratedToken {
  readonly id: number;
  /** Text this token adds (may be empty while a multi-byte character is incomplete). */
  readonly text: string;
}

function checkGenerateOptions(options: GenerateOptions, task: string): void {
  checkSamplingOptions(options, task);
  checkRunOptions(options, task);
  integerOption(task, 'maxNewTokens', options.maxNewTokens, 0, MAX_NEW_TOKENS);
  idsOption(task, 'stopTokenIds', options.stopTokenIds);
  // An empty stop string is found at every position, so it would end every generation before its first token.
  stringsOption(task, 'stopStrings', options.stopStrings, true);
  const seed: unknown = options.seed;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed)))
    throw invalidOption(task, 'seed', 'an integer', seed);
  booleanOption(task, 'useCache', options.useCache);
}

/**
 * Autoregressive generation from a causal LM: greedy or seeded sampling with temperature, top-k, top-p and
 * repetition penalty, stop tokens and strings, and the KV cache when the model has `past_key_values` inputs.
 * `stream` yields tokens as they come.
 * @example
 * const gen = new TextGenerator(await createSession('gpt2/model.onnx'), tokenizer);
 * for await (const t of gen.stream('Once upon a time', { maxNewTokens: 20 })) process.stdout.write(t.text);
 * @see https://huggingface.co/docs/transformers/main_classes/text_generation
 */
export class TextGenerator {
  readonly #model: ModelRunner;
  readonly #tokenizer: DecodingTokenizerLike;
  readonly #logits: string;
  readonly #cache: KvCacheShape | undefined;
  readonly #tokenizerVocab: number | undefined;

  /**
   * @throws {InferenceError} `MISSING_OUTPUT` without `logits` (or `present.*` for a model with past inputs);
   *   `VOCAB_TOO_LARGE`; `INVALID_INPUT` for a model or tokenizer without the members generation calls.
   */
  constructor(model: ModelRunner, tokenizer: DecodingTokenizerLike) {
    checkModelRunner(model, 'TextGenerator');
    checkTokenizer(tokenizer, 'TextGenerator', true);
    requireIo(model, 'inputIds', 'TextGenerator');
    this.#logits = requireIo(model, 'logits', 'TextGenerator');
    checkVocabulary(model, tokenizer, 'TextGenerator');
    this.#model = model;
    this.#tokenizer = tokenizer;
    this.#tokenizerVocab = tokenizerVocabSize(tokenizer);
    const past = model.io.pastKeyValues;
    if (past.length > 0) {
      if (model.io.presents.length !== past.length) {
        throw new InferenceError(
          'MISSING_OUTPUT',
          `TextGenerator: the model has ${past.length} past_key_values input pairs but ${model.io.presents.length} present output pairs; its outputs are ${model.outputs.map((o) => o.name).join(', ')}`,
        );
      }
      this.#cache = kvCacheShape(model, 'TextGenerator');
    }
  }

  /** Whether the model takes `past_key_values`. */
  get hasCache(): boolean {
    return this.#cache !== undefined;
  }

  /**
   * Generates a continuation of `prompt`.
   * @throws {InferenceError} `SEQUENCE_TOO_LONG` when the prompt alone fills the model's positions; `INVALID_OPTION`
   *   naming a bad option (`maxNewTokens` 0..65536, sampling options in range, `seed` an integer, stop strings
   *   non-empty); `INVALID_INPUT` for a prompt that is not a string (ids that are not integers);
   *   `MISSING_INPUT` for `useCache: true` on a model without past inputs; `CANCELLED` when `signal` aborts.
   */
  async generate(prompt: string, options: GenerateOptions = {}): Promise<GenerationResult> {
    const iterator = this.stream(prompt, options)[Symbol.asyncIterator]();
    for (;;) {
      const step = await iterator.next();
      if (step.done) return step.value;
    }
  }

  /** Like {@link generate}, on prompt ids. */
  async generateIds(
    promptIds: readonly number[],
    options: GenerateOptions = {},
  ): Promise<GenerationResult> {
    const iterator = this.streamIds(promptIds, options)[Symbol.asyncIterator]();
    for (;;) {
      const step = await iterator.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Streams the tokens of a continuation of `prompt`; the iterator's return value is the {@link GenerationResult}.
   * @throws {InferenceError} like {@link generate}; a prompt that is not a string throws here, before iterating.
   */
  stream(
    prompt: string,
    options: GenerateOptions = {},
  ): AsyncGenerator<GeneratedToken, GenerationResult, undefined> {
    checkString(prompt, 'prompt', 'TextGenerator.generate');
    return this.streamIds(this.#tokenizer.encode(prompt).ids, options);
  }

  /** {@link stream} on prompt ids. */
  async *streamIds(
    promptIds: readonly number[],
    options: GenerateOptions = {},
  ): AsyncGenerator<GeneratedToken, GenerationResult, undefined> {
    const task = 'TextGenerator.generate';
    checkIdList(promptIds, 'promptIds', task);
    checkGenerateOptions(options, task);
    const maxNewTokens = options.maxNewTokens ?? 20;
    if (options.useCache === true && !this.#cache) {
      throw new InferenceError(
        'MISSING_INPUT',
        `${task}: useCache needs past_key_values.{i}.key|value inputs; the model's inputs are ${this.#model.inputs.map((i) => i.name).join(', ')}`,
      );
    }
    if (promptIds.length === 0)
      throw new InferenceError('EMPTY_INPUT', `${task}: the prompt has no tokens`);
    const positions = this.#model.config?.maxPositions;
    fitLength(promptIds, positions, false, false, 'the prompt', task, 'shorten the prompt');
    checkIds(this.#model, promptIds, 'the prompt', task);
    const useCache = options.useCache ?? this.#cache !== undefined;
    const stopIds = new Set(options.stopTokenIds ?? this.#model.config?.eosTokenIds ?? []);
    const stopStrings = options.stopStrings ?? [];
    const random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    const all = [...promptIds];
    const generated: number[] = [];
    let past: TensorMap | undefined;
    let emitted = '';
    let finishReason: FinishReason = 'length';
    while (generated.length < maxNewTokens) {
      if (positions !== undefined && all.length >= positions) break; // no position left for another token
      const feedIds = useCache && past ? all.slice(-1) : all;
      const out = await this.#model.run(
        this.#feeds(feedIds, all.length, useCache ? past : undefined),
        options,
      );
      const logits = out[this.#logits];
      if (!logits || logits.type !== 'float32')
        throw new InferenceError(
          'MISSING_OUTPUT',
          `${task}: the model returned no float32 ${this.#logits}`,
        );
      const vocab = logits.dims[logits.dims.length - 1] as number;
      // A padded output vocabulary (vocab_size rounded up past the tokenizer's) has rows no tokenizer id names.
      // Dropping them is Hugging Face's `suppress_tokens` for those ids (their logits set to -inf): they can be
      // neither picked nor counted in top-k / top-p, and every id picked can be decoded.
      const choosable = Math.min(vocab, this.#tokenizerVocab ?? vocab);
      const start = logits.data.length - vocab;
      const last = (logits.data as Float32Array).subarray(start, start + choosable);
      if (useCache) past = this.#nextPast(out);
      const id = pickToken(processLogits(last, all, options), options.doSample ?? false, random);
      if (stopIds.has(id)) {
        finishReason = 'stop';
        break;
      }
      all.push(id);
      generated.push(id);
      let text = this.#tokenizer.decode(generated, { skipSpecialTokens: true });
      const stopAt = stopStrings.map((s) => text.indexOf(s)).filter((i) => i >= 0);
      if (stopAt.length > 0) text = text.slice(0, Math.min(...stopAt));
      // Hold back a trailing replacement character: the next token may complete a multi-byte character.
      const stable = text.endsWith('\uFFFD') ? text.slice(0, -1) : text;
      const delta = stable.startsWith(emitted) ? stable.slice(emitted.length) : '';
      if (delta.length > 0 || !stable.startsWith(emitted)) emitted = stable;
      yield { id, text: delta };
      if (stopAt.length > 0) {
        finishReason = 'stop';
        break;
      }
    }
    let text = this.#tokenizer.decode(generated, { skipSpecialTokens: true });
    const stopAt = stopStrings.map((s) => text.indexOf(s)).filter((i) => i >= 0);
    if (stopAt.length > 0) text = text.slice(0, Math.min(...stopAt));
    return { ids: generated, text, finishReason };
  }

  #feeds(ids: readonly number[], total: number, past: TensorMap | undefined): TensorMap {
    const io = this.#model.io;
    const n = ids.length;
    const feeds: TensorMap = {
      [io.inputIds as string]: {
        type: 'int64',
        data: BigInt64Array.from(ids, (v) => BigInt(v)),
        dims: [1, n],
      },
    };
    if (io.attentionMask)
      feeds[io.attentionMask] = {
        type: 'int64',
        data: new BigInt64Array(total).fill(1n),
        dims: [1, total],
      };
    if (io.positionIds) {
      feeds[io.positionIds] = {
        type: 'int64',
        data: BigInt64Array.from({ length: n }, (_, j) => BigInt(total - n + j)),
        dims: [1, n],
      };
    }
    if (this.#cache) {
      Object.assign(feeds, emptyPastFeeds(this.#model, this.#cache, 1));
      if (past) {
        io.pastKeyValues.forEach(({ key, value }, i) => {
          const pair = io.presents[i] as { key: string; value: string };
          feeds[key] = past[pair.key] ?? (feeds[key] as TensorMap[string]);
          feeds[value] = past[pair.value] ?? (feeds[value] as TensorMap[string]);
        });
      }
    }
    return feeds;
  }

  #nextPast(out: TensorMap): TensorMap {
    const past: TensorMap = {};
    for (const { key, value } of this.#model.io.presents) {
      const k = out[key];
      const v = out[value];
      if (!k || !v)
        throw new InferenceError(
          'MISSING_OUTPUT',
          `TextGenerator.generate: the model returned no ${key}/${value}`,
        );
      past[key] = k;
      past[value] = v;
    }
    return past;
  }
}
