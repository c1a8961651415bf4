import { perplexity } from '@nlpft/metrics/perplexity';
import { collate } from './collate';
import { InferenceError } from './errors';
import { logSumExp } from './math';
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

/** Options of {@link CausalLmScorer.perplexity}. */
export interface PerplexityOptions extends RunOptions {
  /** Window length for texts longer than the model's context. @defaultValue config.json `n_positions` */
  readonly maxLength?: number;
  /** How far each window moves; each scores only tokens no earlier window scored. @defaultValue `maxLength / 2` */
  readonly stride?: number;
}

/** Options of {@link CausalLmScorer}. */
export interface CausalLmScorerOptions {
  /** @defaultValue config.json `pad_token_id`, else its `eos_token_id`, else 0 */
  readonly padTokenId?: number;
  /** Prepend this id (e.g. GPT-2's `<|endoftext|>`) so the first real token is scored too. @defaultValue none */
  readonly bosTokenId?: number;
}

/**
 * Scores text under a causal LM (`logits [batch, seq, vocab]`): per-token log-probabilities, sequence and corpus
 * perplexity, and sliding-window perplexity for texts longer than the context.
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

  /** @throws {InferenceError} `MISSING_OUTPUT` without `logits`; `VOCAB_TOO_LARGE`. */
  constructor(model: ModelRunner, tokenizer: TokenizerLike, options: CausalLmScorerOptions = {}) {
    requireIo(model, 'inputIds', 'CausalLmScorer');
    this.#logits = requireIo(model, 'logits', 'CausalLmScorer');
    checkVocabulary(model, tokenizer, 'CausalLmScorer');
    this.#model = model;
    this.#tokenizer = tokenizer;
    this.#options = options;
  }

  /** The ids a text is scored as. */
  encode(text: string): number[] {
    const ids = this.#tokenizer.encode(text).ids;
    return this.#options.bosTokenId === undefined ? [...ids] : [this.#options.bosTokenId, ...ids];
  }

  /**
   * Per-token log-probabilities of whole texts, batched with right padding.
   * @throws {InferenceError} `SEQUENCE_TOO_LONG` for a text longer than the context (use `perplexity` with a
   *   stride); `EMPTY_INPUT` for a text of fewer than 2 tokens.
   */
  async score(
    texts: readonly string[],
    options: BatchOptions & RunOptions = {},
  ): Promise<TextScore[]> {
    return this.scoreIds(
      texts.map((t) => this.encode(t)),
      options,
    );
  }

  /** {@link score} on token ids. */
  async scoreIds(
    rows: readonly (readonly number[])[],
    options: BatchOptions & RunOptions = {},
  ): Promise<TextScore[]> {
    const task = 'CausalLmScorer.score';
    const limit = maxSequenceLength(this.#model, undefined);
    rows.forEach((ids, i) => {
      fitLength(ids, limit, false, false, `text ${i}`, task);
      checkIds(this.#model, ids, `text ${i}`, task);
      if (ids.length < 2)
        throw new InferenceError(
          'EMPTY_INPUT',
          `${task}: text ${i} has ${ids.length} token(s); scoring needs 2 or more`,
        );
    });
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
          let nll = 0;
          for (let j = 0; j < ids.length - 1; j++) {
            const at = (r * seqLen + j) * vocab;
            lp[j] = (data[at + (ids[j + 1] as number)] as number) - logSumExp(data, at, vocab);
            nll -= lp[j] as number;
          }
          return { ids, tokenLogProbs: lp, nll, perplexity: perplexity(Array.from(lp)).perplexity };
        });
      },
    );
  }

  /**
   * Perplexity per text and over the corpus. Texts longer than `maxLength` are scored with a sliding window: windows of
   * `maxLength` tokens starting every `stride` tokens, each scoring only the tokens no earlier window scored, with the
   * earlier ones as context (Hugging Face's recipe, with exact token counts).
   * @throws {InferenceError} `INVALID_OPTION` for a stride outside 1..maxLength.
   */
  async perplexity(
    texts: readonly string[],
    options: PerplexityOptions = {},
  ): Promise<PerplexityResult> {
    const task = 'CausalLmScorer.perplexity';
    const maxLength = options.maxLength ?? this.#model.config?.maxPositions;
    if (maxLength === undefined) {
      throw new InferenceError(
        'INVALID_OPTION',
        `${task}: the model's config has no n_positions; pass maxLength`,
      );
    }
    const stride = options.stride ?? Math.max(1, Math.floor(maxLength / 2));
    if (!Number.isInteger(stride) || stride < 1 || stride > maxLength) {
      throw new InferenceError(
        'INVALID_OPTION',
        `${task}: stride must be an integer in 1..${maxLength} (maxLength), got ${stride}`,
      );
    }
    const scored: number[][] = [];
    for (const text of texts) {
      const ids = this.encode(text);
      const kept: number[] = [];
      let prevEnd = 0;
      for (let begin = 0; ; begin += stride) {
        const end = Math.min(begin + maxLength, ids.length);
        const target = end - prevEnd;
        const [window] = await this.scoreIds([ids.slice(begin, end)], options);
        const lp = (window as TextScore).tokenLogProbs;
        // lp[i] scores window token i + 1: the first window scores all of them, later ones their last `target`.
        for (let i = begin === 0 ? 0 : lp.length - target; i < lp.length; i++)
          kept.push(lp[i] as number);
        prevEnd = end;
        if (end >= ids.length) break;
      }
      scored.push(kept);
    }
    if (scored.length === 0) throw new InferenceError('EMPTY_INPUT', `${task}: no texts`);
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
