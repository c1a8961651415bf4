import type { CausalLmScorer, ScoreOptions } from './causal-lm-scorer';
import {
  checkArray,
  checkBatchOptions,
  checkModelRunner,
  checkTokenizer,
  invalidInput,
  invalidOption,
  oneOfOption,
  optionsObject,
  tokenIdOption,
} from './argument-checks';
import { InferenceError } from './errors';
import { softmax } from './math';
import { checkIds, checkVocabulary, fitLength, maxSequenceLength, requireIo } from './model-checks';
import { checkBatchBytes } from './plan-batches';
import type { BatchOptions, ModelRunner, RunOptions, TensorMap, TokenizerLike } from './types';

/** A question with its candidate answers. */
export interface ChoiceQuestion {
  /**
   * Text before each choice (the story, the question); omitted when the choices stand alone.
   * @defaultValue `undefined` (no context)
   */
  readonly context?: string;
  readonly choices: readonly string[];
}

/** Which choice won and how the choices scored. */
export interface ChoiceResult {
  readonly index: number;
  /** Softmax over the choices' scores (head logits or LM log-likelihoods). */
  readonly probabilities: Float64Array;
  /** Head logits, or LM log-likelihoods (summed or mean per token). */
  readonly scores: Float64Array;
}

/** Options of {@link MultipleChoiceHead}. */
export interface MultipleChoiceHeadOptions {
  /**
   * Appended to every choice sequence and read by the head (GPT-1's extract token, `mc_token_ids`); `undefined` reads
   * the last token of each sequence.
   * @defaultValue `undefined`
   */
  readonly extractTokenId?: number;
  /** @defaultValue config.json `pad_token_id`, else 0 */
  readonly padTokenId?: number;
}

/**
 * Multiple choice with a trained head over `[batch, numChoices, seq]` inputs: GPT-1 / GPT-2 double heads
 * (`mc_logits`, read at `mc_token_ids`) or BERT-style (`logits [batch, numChoices]`). Each choice is encoded as
 * `tokenizer.encode(context, choice)` (the tokenizer's pair template), plus the extract token when given.
 * @example
 * const mc = new MultipleChoiceHead(await createSession('gpt-rocstories/model.onnx'), tokenizer, { extractTokenId: clf });
 * (await mc.choose([{ context: story, choices: [endingA, endingB] }]))[0].index
 * @see https://huggingface.co/docs/transformers/model_doc/gpt2#transformers.GPT2DoubleHeadsModel
 */
export class MultipleChoiceHead {
  readonly #model: ModelRunner;
  readonly #tokenizer: TokenizerLike;
  readonly #options: MultipleChoiceHeadOptions;
  readonly #output: string;

  /**
   * @throws {InferenceError} `MISSING_OUTPUT` without `mc_logits` or `logits`; `VOCAB_TOO_LARGE`; `INVALID_INPUT` for
   *   a model or tokenizer without the members tasks call; `INVALID_OPTION` for a token id option that is not a 32-bit
   *   integer.
   */
  constructor(
    model: ModelRunner,
    tokenizer: TokenizerLike,
    options: MultipleChoiceHeadOptions = {},
  ) {
    checkModelRunner(model, 'MultipleChoiceHead');
    checkTokenizer(tokenizer, 'MultipleChoiceHead');
    const o = optionsObject(options, 'MultipleChoiceHead');
    tokenIdOption('MultipleChoiceHead', 'extractTokenId', o.extractTokenId);
    tokenIdOption('MultipleChoiceHead', 'padTokenId', o.padTokenId, -(2 ** 31));
    requireIo(model, 'inputIds', 'MultipleChoiceHead');
    this.#output = model.io.mcLogits ?? requireIo(model, 'logits', 'MultipleChoiceHead');
    checkVocabulary(model, tokenizer, 'MultipleChoiceHead');
    this.#model = model;
    this.#tokenizer = tokenizer;
    this.#options = options;
  }

  /**
   * Scores each question's choices in one run per question (all questions in a run must have the same number of
   * choices, so they run one by one).
   * @throws {InferenceError} `EMPTY_INPUT` for a question without choices; `SEQUENCE_TOO_LONG`; `INVALID_INPUT` for
   *   questions that are not `{ context?, choices }` of strings; `INVALID_OPTION` for a bad batch option.
   */
  async choose(
    questions: readonly ChoiceQuestion[],
    options: BatchOptions & RunOptions = {},
  ): Promise<ChoiceResult[]> {
    const task = 'MultipleChoiceHead.choose';
    checkArray(questions, 'questions', task);
    questions.forEach((q, i) => checkQuestion(q, `questions[${i}]`, task));
    checkBatchOptions(optionsObject(options, task), task);
    const results: ChoiceResult[] = [];
    const limit = maxSequenceLength(this.#model, undefined);
    const pad = this.#options.padTokenId ?? this.#model.config?.padTokenId ?? 0;
    for (const [qi, question] of questions.entries()) {
      const n = question.choices.length;
      if (n === 0)
        throw new InferenceError('EMPTY_INPUT', `${task}: question ${qi} has no choices`);
      const seqs = question.choices.map((choice, ci) => {
        const enc =
          question.context === undefined
            ? this.#tokenizer.encode(choice)
            : this.#tokenizer.encode(question.context, choice);
        const ids =
          this.#options.extractTokenId === undefined
            ? [...enc.ids]
            : [...enc.ids, this.#options.extractTokenId];
        const what = `question ${qi} choice ${ci}`;
        fitLength(ids, limit, false, false, what, task, 'shorten the context or the choice');
        checkIds(this.#model, ids, what, task);
        const typeIds = enc.typeIds
          ? [
              ...enc.typeIds,
              ...(ids.length > enc.ids.length ? [enc.typeIds[enc.typeIds.length - 1] ?? 0] : []),
            ]
          : undefined;
        return { ids, typeIds };
      });
      const seqLen = Math.max(...seqs.map((s) => s.ids.length));
      checkBatchBytes(this.#model.outputs, 1, seqLen, options.maxBatchBytes ?? 2 ** 30, task, {
        num_choices: n,
      });
      const size = n * seqLen;
      const ids = new BigInt64Array(size).fill(BigInt(pad));
      const mask = new BigInt64Array(size);
      const types = new BigInt64Array(size);
      const extract = new BigInt64Array(n);
      seqs.forEach((s, c) => {
        s.ids.forEach((id, j) => {
          ids[c * seqLen + j] = BigInt(id);
          mask[c * seqLen + j] = 1n;
          types[c * seqLen + j] = BigInt(s.typeIds?.[j] ?? 0);
        });
        extract[c] = BigInt(s.ids.length - 1);
      });
      const io = this.#model.io;
      const dims = [1, n, seqLen];
      const feeds: TensorMap = { [io.inputIds ?? 'input_ids']: { type: 'int64', data: ids, dims } };
      if (io.attentionMask) feeds[io.attentionMask] = { type: 'int64', data: mask, dims };
      if (io.tokenTypeIds) feeds[io.tokenTypeIds] = { type: 'int64', data: types, dims };
      if (io.mcTokenIds) feeds[io.mcTokenIds] = { type: 'int64', data: extract, dims: [1, n] };
      const out = (await this.#model.run(feeds, options))[this.#output];
      if (!out || out.type !== 'float32' || out.data.length !== n) {
        throw new InferenceError(
          'MISSING_OUTPUT',
          `${task}: expected ${this.#output} as float32 [1, ${n}]`,
        );
      }
      const scores = Float64Array.from(out.data as Float32Array);
      results.push(pick(scores));
    }
    return results;
  }
}

/** A `{ context?, choices }` of strings. */
function checkQuestion(question: unknown, what: string, task: string): void {
  const q = question as Partial<ChoiceQuestion> | null;
  if (typeof q !== 'object' || q === null)
    throw invalidInput(task, what, 'a { context?, choices } object', question);
  if (q.context !== undefined && typeof q.context !== 'string')
    throw invalidInput(task, `${what}.context`, 'a string', q.context);
  const choices: unknown = q.choices;
  checkArray(choices, `${what}.choices`, task);
  for (let i = 0; i < choices.length; i++)
    if (typeof choices[i] !== 'string')
      throw invalidInput(task, `${what}.choices[${i}]`, 'a string', choices[i]);
}

function pick(scores: Float64Array): ChoiceResult {
  let index = 0;
  for (let i = 1; i < scores.length; i++)
    if ((scores[i] as number) > (scores[index] as number)) index = i;
  return { index, scores, probabilities: softmax(scores) };
}

/** Options of {@link chooseByLikelihood}. */
export interface LikelihoodOptions extends ScoreOptions {
  /** `'sum'`: total log-likelihood of the choice's tokens; `'mean'`: per token (does not favour short choices). @defaultValue `'mean'` */
  readonly reduce?: 'sum' | 'mean';
  /** Put between context and choice. @defaultValue `' '` */
  readonly separator?: string;
}

/**
 * Multiple choice by language-model likelihood, no head needed: each choice is scored by log p(choice | context) under
 * a causal LM, summing the log-probabilities of the choice's tokens only (the context tokens are conditioning).
 * @throws {InferenceError} `EMPTY_INPUT` for a question without choices or a choice without tokens; `INVALID_INPUT`
 *   for a scorer that is not a {@link CausalLmScorer} or a question that is not `{ context?, choices }` of strings;
 *   `INVALID_OPTION` for an unknown `reduce`, a `separator` that is not a string, or a bad scoring option.
 * @example (await chooseByLikelihood(scorer, { context: 'the capital of france is', choices: ['paris', 'london'] })).index
 */
export async function chooseByLikelihood(
  scorer: CausalLmScorer,
  question: ChoiceQuestion,
  options: LikelihoodOptions = {},
): Promise<ChoiceResult> {
  const task = 'chooseByLikelihood';
  const s = scorer as Partial<CausalLmScorer> | null;
  if (
    typeof s !== 'object' ||
    s === null ||
    typeof s.encode !== 'function' ||
    typeof s.scoreIds !== 'function'
  )
    throw invalidInput(task, 'scorer', 'a CausalLmScorer', scorer);
  checkQuestion(question, 'question', task);
  optionsObject(options, task);
  const reduce = oneOfOption(task, 'reduce', options.reduce, ['sum', 'mean']) ?? 'mean';
  if (options.separator !== undefined && typeof options.separator !== 'string')
    throw invalidOption(task, 'separator', 'a string', options.separator);
  if (question.choices.length === 0)
    throw new InferenceError('EMPTY_INPUT', `${task}: the question has no choices`);
  const context = question.context === undefined ? [] : scorer.encode(question.context);
  const sep = options.separator ?? ' ';
  const rows = question.choices.map((choice, i) => {
    const full =
      question.context === undefined
        ? scorer.encode(choice)
        : scorer.encode(question.context + sep + choice);
    // Tokens after the context's are the choice's (the common prefix is the context when tokenization is stable).
    let shared = 0;
    while (shared < context.length && full[shared] === context[shared]) shared++;
    const count = full.length - Math.max(shared, 1);
    if (count < 1)
      throw new InferenceError('EMPTY_INPUT', `${task}: choice ${i} adds no tokens to the context`);
    return { full, count };
  });
  const scored = await scorer.scoreIds(
    rows.map((r) => r.full),
    options,
  );
  const scores = Float64Array.from(scored, (s, i) => {
    const { count } = rows[i] as (typeof rows)[number];
    let sum = 0;
    for (let k = s.tokenLogProbs.length - count; k < s.tokenLogProbs.length; k++)
      sum += s.tokenLogProbs[k] as number;
    return reduce === 'sum' ? sum : sum / count;
  });
  return pick(scores);
}
