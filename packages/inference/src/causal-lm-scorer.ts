import { perplexity } from '@nlpft/metrics/perplexity';
import {
  checkArray,
  checkBatchOptions,
  checkIdList,
  checkModelRunner,
  checkString,
  checkStrings,
  checkTokenizer,
  integerOption,
  optionsObject,
  shown,
  tokenIdOption,
} from './argument-checks';
import { collate } from './collate';
import { InferenceError } from './errors';
import { logSumExp } from './math';
import { emptyPastFeeds, kvCacheShape } from './kv-cache';
import type { KvCacheShape } from './kv-cache';
import { checkIds, checkVocabulary, fitLength, maxSequenceLength, requireIo } from './model-checks';
import { checkBatchBytes, mapInBatches } from './plan-batches';
import type { BatchOptions, ModelRunner, RunOptions, TokenizerLike } from './types';

/** One text's score under a causal LM. */
export interface TextScore {
  /** The token ids scored (the first has no prediction, so `tokenLogProbs` is one shorter). */
  readonly ids: readonly number[];
  /** log p(ids[i + 1] | ids[0..i]) in nats, float64 log-softmax of the float32 logits. */
  readonly tokenLogProbs: Float64Array;
  /** −Σ tokenLogProbs. */
  readonly nll: number;
  /** exp(nll / tokens), from @nlpft/metrics' `perplexity`. */
  readonly perplexity: number;
}

/** Perplexity of several texts. */
export interface PerplexityResult {
  /** Per text, in input order. */
  readonly perplexities: number[];
  /** exp(Σ nll / Σ tokens) over all texts: the token-weighted corpus perplexity (@nlpft/metrics' `perplexity`). */
  readonly corpusPerplexity: number;
  readonly nll: number;
  readonly tokens: number;
}

/** Options of {@link CausalLmScorer.score} and {@link CausalLmScorer.scoreIds}. */
export interface ScoreOptions extends BatchOptions, RunOptions {
  /**
   * Score a text longer than the model's positions with a sliding window: windows of `n_positions` tokens starting
   * every `stride` tokens, each scoring the tokens no earlier window scored (the recipe of {@link
   * CausalLmScorer.perplexity}). It must be below `n_positions`, so that windows overlap and every token after the
   * first gets a score.
   * @defaultValue none: a text longer than the model's positions throws `SEQUENCE_TOO_LONG`
   */
  readonly stride?: number;
}

/** Options of {@link CausalLmScorer.perplexity}. */
export interface PerplexityOptions extends BatchOptions, RunOptions {
  /** Window length, at most the model's positions. @defaultValue config.json `n_positions` */
  readonly maxLength?: number;
  /**
   * How far each window moves, 1..maxLength; each scores only tokens no earlier window scored. With `stride ===
   * maxLength` the windows do not overlap and, as in Hugging Face's recipe, the first token of each window has no
   * context in it and is not scored.
   * @defaultValue `maxLength / 2`
   */
  readonly stride?: number;
}

/** Options of {@link CausalLmScorer}. */
export interface CausalLmScorerOptions {
  /** @defaultValue config.json `pad_token_id`, else its `eos_token_id`, else 0 */
  readonly padTokenId?: number;
  /** Prepend this id (e.g. GPT-2's `<|endoftext|>`) so the first real token is scored too. @defaultValue none */
  readonly bosTokenId?: number;
}

/** What a {@link fitLength} error tells a caller of `score` to do. */
const SCORE_FIX = 'pass stride to score it with a sliding window, or shorten the text';

/**
 * Scores text under a causal LM (`logits [batch, seq, vocab]`): per-token log-probabilities, sequence and corpus
 * perplexity, and sliding-window perplexity for texts longer than the context. A with-past export
 * (`decoder_model_merged`, `*-with-past`: `past_key_values.{i}.key|value` inputs) is fed an empty cache and scores
 * like the same weights exported without one.
 * @example
 * const lm = new CausalLmScorer(await createSession('gpt2/model.onnx'), tokenizer);
 * (await lm.score(['the cat sat']))[0].perplexity
 * @see https://huggingface.co/docs/transformers/perplexity
 */
export class CausalLmScorer {
  readonly #model: ModelRunner;
  readonly #tokenizer: TokenizerLike;
  readonly #logits: string;
  readonly #options: CausalLmScorerOptions;
  readonly #cache: KvCacheShape | undefined;

  /**
   * @throws {InferenceError} `MISSING_OUTPUT` without `logits`; `VOCAB_TOO_LARGE`; `UNSUPPORTED_MODEL` for past inputs
   *   whose shape neither the model nor config.json gives; `INVALID_INPUT` for a model or tokenizer without the
   *   members tasks call; `INVALID_OPTION` for a token id option that is not a 32-bit integer.
   */
  constructor(model: ModelRunner, tokenizer: TokenizerLike, options: CausalLmScorerOptions = {}) {
    checkModelRunner(model, 'CausalLmScorer');
    checkTokenizer(tokenizer, 'CausalLmScorer');
    const o = optionsObject(options, 'CausalLmScorer');
    tokenIdOption('CausalLmScorer', 'padTokenId', o.padTokenId, -(2 ** 31));
    tokenIdOption('CausalLmScorer', 'bosTokenId', o.bosTokenId);
    requireIo(model, 'inputIds', 'CausalLmScorer');
    this.#logits = requireIo(model, 'logits', 'CausalLmScorer');
    checkVocabulary(model, tokenizer, 'CausalLmScorer');
    this.#cache = kvCacheShape(model, 'CausalLmScorer');
    this.#model = model;
    this.#tokenizer = tokenizer;
    this.#options = options;
  }

  /**
   * The ids a text is scored as.
   * @throws {InferenceError} `INVALID_INPUT` for a text that is not a string.
   */
  encode(text: string): number[] {
    checkString(text, 'text', 'CausalLmScorer.encode');
    const ids = this.#tokenizer.encode(text).ids;
    return this.#options.bosTokenId === undefined ? [...ids] : [this.#options.bosTokenId, ...ids];
  }

  /**
   * Per-token log-probabilities of whole texts, batched with right padding.
   * @throws {InferenceError} `SEQUENCE_TOO_LONG` for a text longer than the context without `stride`;
   *   `INVALID_OPTION` for a stride outside 1..n_positions − 1 or a bad batch option; `EMPTY_INPUT` for a text of fewer
   *   than 2 tokens; `INVALID_INPUT` for texts that are not an array of strings.
   */
  async score(texts: readonly string[], options: ScoreOptions = {}): Promise<TextScore[]> {
    checkStrings(texts, 'texts', 'CausalLmScorer.score');
    return this.scoreIds(
      texts.map((t) => this.encode(t)),
      options,
    );
  }

  /**
   * {@link score} on token ids.
   * @throws {InferenceError} like {@link score}; `INVALID_INPUT` for rows that are not arrays of integer ids.
   */
  async scoreIds(
    rows: readonly (readonly number[])[],
    options: ScoreOptions = {},
  ): Promise<TextScore[]> {
    const task = 'CausalLmScorer.score';
    checkArray(rows, 'rows', task);
    rows.forEach((ids, i) => checkIdList(ids, `rows[${i}]`, task));
    optionsObject(options, task);
    checkBatchOptions(options, task);
    const limit = maxSequenceLength(this.#model, undefined);
    const { stride } = options;
    // Without a position count the stride is never used, but it must still be a stride.
    if (limit === undefined) integerOption(task, 'stride', stride, 1);
    if (
      stride !== undefined &&
      limit !== undefined &&
      (typeof stride !== 'number' || !Number.isInteger(stride) || stride < 1 || stride >= limit)
    ) {
      throw new InferenceError(
        'INVALID_OPTION',
        `${task}: stride must be an integer in 1..${limit - 1} (below the model's ${limit} positions, so windows ` +
          `overlap and every token is scored), got ${shown(stride)}`,
      );
    }
    const windowed = (ids: readonly number[]): boolean =>
      stride !== undefined && limit !== undefined && ids.length > limit;
    rows.forEach((ids, i) => {
      if (!windowed(ids)) fitLength(ids, limit, false, false, `text ${i}`, task, SCORE_FIX);
      checkIds(this.#model, ids, `text ${i}`, task);
      if (ids.length < 2)
        throw new InferenceError(
          'EMPTY_INPUT',
          `${task}: text ${i} has ${ids.length} token(s); scoring needs 2 or more`,
        );
    });
    const fitting = rows.flatMap((ids, i) => (windowed(ids) ? [] : [i]));
    const out: TextScore[] = new Array<TextScore>(rows.length);
    const scored = await this.#scoreFitting(
      fitting.map((i) => rows[i] as readonly number[]),
      options,
    );
    fitting.forEach((i, k) => (out[i] = scored[k] as TextScore));
    for (const [i, ids] of rows.entries()) {
      if (!windowed(ids)) continue;
      const lp = await this.#slidingWindow(ids, limit as number, stride as number, options);
      out[i] = textScore(ids, Float64Array.from(lp));
    }
    return out;
  }

  /** Rows that fit the model, batched with right padding. */
  async #scoreFitting(
    rows: readonly (readonly number[])[],
    options: BatchOptions & RunOptions,
  ): Promise<TextScore[]> {
    if (rows.length === 0) return [];
    const task = 'CausalLmScorer.score';
    const padTokenId =
      this.#options.padTokenId ??
      this.#model.config?.padTokenId ??
      this.#model.config?.eosTokenIds[0] ??
      0;
    return mapInBatches(
      rows.map((r) => r.length),
      options,
      async (indices) => {
        const batch = indices.map((i) => ({ ids: rows[i] as readonly number[] }));
        const { feeds, seqLen } = collate(this.#model, batch, { padTokenId });
        // A with-past export runs the whole sequence on an empty cache (its attention mask covers past + new = seq).
        if (this.#cache)
          Object.assign(feeds, emptyPastFeeds(this.#model, this.#cache, batch.length));
        checkBatchBytes(
          this.#model.outputs,
          batch.length,
          seqLen,
          options.maxBatchBytes ?? 2 ** 30,
          task,
        );
        const logits = (await this.#model.run(feeds, options))[this.#logits];
        if (!logits || logits.type !== 'float32' || logits.dims.length !== 3) {
          throw new InferenceError(
            'MISSING_OUTPUT',
            `${task}: expected ${this.#logits} as float32 [batch, seq, vocab]`,
          );
        }
        const vocab = logits.dims[2] as number;
        const data = logits.data as Float32Array;
        return batch.map(({ ids }, r) => {
          const lp = new Float64Array(ids.length - 1);
          for (let j = 0; j < ids.length - 1; j++) {
            const at = (r * seqLen + j) * vocab;
            lp[j] = (data[at + (ids[j + 1] as number)] as number) - logSumExp(data, at, vocab);
          }
          return textScore(ids, lp);
        });
      },
    );
  }

  /**
   * The log-probabilities Hugging Face's fixed-length perplexity recipe scores, in token order: windows
   * `[begin, min(begin + maxLength, n))` for begin = 0, stride, 2·stride, … until one reaches the end; window labels
   * before its last `end - prevEnd` tokens are -100, and the model's loss shifts labels by one, so window token j is
   * scored when j ≥ 1 and j ≥ length − (end − prevEnd). One window run per batch row.
   */
  async #slidingWindow(
    ids: readonly number[],
    maxLength: number,
    stride: number,
    options: BatchOptions & RunOptions,
  ): Promise<number[]> {
    const windows: { begin: number; end: number; from: number }[] = [];
    let prevEnd = 0;
    for (let begin = 0; begin < ids.length; begin += stride) {
      const end = Math.min(begin + maxLength, ids.length);
      const length = end - begin;
      // lp[j - 1] scores window token j. A one-token window scores nothing (the recipe's loss is NaN there).
      if (length >= 2)
        windows.push({ begin, end, from: Math.max(0, length - (end - prevEnd) - 1) });
      prevEnd = end;
      if (end >= ids.length) break;
    }
    const scored = await this.#scoreFitting(
      windows.map((w) => ids.slice(w.begin, w.end)),
      options,
    );
    const kept: number[] = [];
    scored.forEach(({ tokenLogProbs }, k) => {
      for (let i = (windows[k] as (typeof windows)[number]).from; i < tokenLogProbs.length; i++)
        kept.push(tokenLogProbs[i] as number);
    });
    return kept;
  }

  /**
   * Perplexity per text and over the corpus. Texts longer than `maxLength` are scored with a sliding window: windows of
   * `maxLength` tokens starting every `stride` tokens, each scoring only the tokens no earlier window scored, with the
   * earlier ones as context (Hugging Face's recipe, with exact token counts).
   * @throws {InferenceError} `INVALID_OPTION` for a stride outside 1..maxLength or a maxLength outside 2..n_positions;
   *   `EMPTY_INPUT` for no texts or a text of fewer than 2 tokens; `INVALID_INPUT` for texts that are not an array of
   *   strings.
   */
  async perplexity(
    texts: readonly string[],
    options: PerplexityOptions = {},
  ): Promise<PerplexityResult> {
    const task = 'CausalLmScorer.perplexity';
    checkStrings(texts, 'texts', task);
    optionsObject(options, task);
    checkBatchOptions(options, task);
    const positions = this.#model.config?.maxPositions;
    const maxLength = options.maxLength ?? positions;
    if (maxLength === undefined) {
      throw new InferenceError(
        'INVALID_OPTION',
        `${task}: the model's config has no n_positions; pass maxLength`,
      );
    }
    if (!Number.isInteger(maxLength) || maxLength < 2 || maxLength > (positions ?? Infinity)) {
      throw new InferenceError(
        'INVALID_OPTION',
        `${task}: maxLength must be an integer in 2..${positions ?? 'n_positions'} (the model's positions), got ${shown(maxLength)}`,
      );
    }
    const stride = options.stride ?? Math.max(1, Math.floor(maxLength / 2));
    if (!Number.isInteger(stride) || stride < 1 || stride > maxLength) {
      throw new InferenceError(
        'INVALID_OPTION',
        `${task}: stride must be an integer in 1..${maxLength} (maxLength), got ${shown(stride)}`,
      );
    }
    if (texts.length === 0) throw new InferenceError('EMPTY_INPUT', `${task}: no texts`);
    const scored: number[][] = [];
    for (const [i, text] of texts.entries()) {
      const ids = this.encode(text);
      checkIds(this.#model, ids, `text ${i}`, task);
      if (ids.length < 2)
        throw new InferenceError(
          'EMPTY_INPUT',
          `${task}: text ${i} has ${ids.length} token(s); perplexity needs 2 or more`,
        );
      scored.push(await this.#slidingWindow(ids, maxLength, stride, options));
    }
    // Corpus perplexity pools every token (long texts weigh more); @nlpft/metrics also reports each text's.
    const result = perplexity(scored);
    return {
      perplexities: result.perSequence ?? [],
      corpusPerplexity: result.perplexity,
      nll: result.meanNll * result.numTokens,
      tokens: result.numTokens,
    };
  }
}

function textScore(ids: readonly number[], lp: Float64Array): TextScore {
  let nll = 0;
  for (const v of lp) nll -= v;
  return { ids, tokenLogProbs: lp, nll, perplexity: perplexity(Array.from(lp)).perplexity };
}
