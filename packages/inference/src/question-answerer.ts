import { bertTemplate, qaFeatures } from '@nlpft/task-inputs';
import type { PairTemplate, QaFeature } from '@nlpft/task-inputs';
import {
  checkBatchOptions,
  checkModelRunner,
  checkString,
  checkTokenizer,
  integerOption,
  optionsObject,
  tokenIdOption,
} from './argument-checks';
import { collate } from './collate';
import { InferenceError } from './errors';
import { softmax } from './math';
import { checkIds, checkVocabulary, requireIo } from './model-checks';
import { checkBatchBytes, mapInBatches } from './plan-batches';
import type { BatchOptions, ModelRunner, RunOptions, TokenizerLike } from './types';

/** One answer span. */
export interface Answer {
  /** `context.slice(start, end)`. */
  readonly answer: string;
  /** p(start) × p(end), each a softmax over the window's context tokens (Hugging Face's pipeline score). */
  readonly score: number;
  /** Character offsets into the original context. */
  readonly start: number;
  readonly end: number;
}

/** Options of {@link QuestionAnswerer.answer}. */
export interface AnswerOptions extends BatchOptions, RunOptions {
  /** How many answers (n-best), best first. @defaultValue `1` */
  readonly topK?: number;
  /** Longest answer in tokens. @defaultValue `15` (Hugging Face's pipeline) */
  readonly maxAnswerLength?: number;
  /** Tokens per window: [CLS] question [SEP] context-part [SEP]. @defaultValue `min(384, model positions)` */
  readonly maxLength?: number;
  /** Tokens shared by consecutive windows (Hugging Face's `doc_stride`, the tokenizer's `stride`). @defaultValue `128`, capped to half a window */
  readonly docStride?: number;
  /** Question tokens kept. @defaultValue `64` */
  readonly maxQuestionLength?: number;
}

/** Options of {@link QuestionAnswerer}. */
export interface QuestionAnswererOptions {
  /**
   * Where the special tokens go around question and context (@nlpft/task-inputs' `bertTemplate()`,
   * `robertaTemplate()`, `templateFromPostProcessor(json.post_processor)`).
   * @defaultValue the tokenizer's `pairTemplate`, else `bertTemplate()` (`[CLS] question [SEP] context [SEP]`)
   */
  readonly template?: PairTemplate;
  /** @defaultValue config.json `pad_token_id`, else 0 */
  readonly padTokenId?: number;
}

/** The positions of a window's context tokens (those with an offset). */
function contextPositions(feature: QaFeature): number[] {
  const out: number[] = [];
  feature.offsets.forEach((o, i) => {
    if (o) out.push(i);
  });
  return out;
}

function clsAndContextSoftmax(
  logits: Float32Array,
  rowStart: number,
  cls: number,
  context: readonly number[],
): Float64Array {
  const values = new Float64Array(context.length + 1);
  values[0] = logits[rowStart + cls] as number;
  context.forEach((pos, k) => {
    values[k + 1] = logits[rowStart + pos] as number;
  });
  return softmax(values).subarray(1);
}

/**
 * Extractive question answering over a model with `start_logits` / `end_logits`. Long contexts are split into
 * overlapping windows (doc stride); every window's spans compete, and answers carry character offsets into the
 * original context.
 * @example
 * const qa = new QuestionAnswerer(await createSession('squad/model.onnx'), tokenizer);
 * await qa.answer('Where is the cat?', 'The cat sat on the mat.') // [{ answer: 'on the mat', score: 0.71, start: 12, end: 22 }]
 * @see https://huggingface.co/docs/transformers/main_classes/pipelines#transformers.QuestionAnsweringPipeline
 */
export class QuestionAnswerer {
  readonly #model: ModelRunner;
  readonly #tokenizer: TokenizerLike;
  readonly #start: string;
  readonly #end: string;
  readonly #template: PairTemplate;
  readonly #pad: number;

  /**
   * @throws {InferenceError} `MISSING_OUTPUT` without `start_logits`/`end_logits`; `VOCAB_TOO_LARGE`;
   *   `INVALID_INPUT` for a model or tokenizer without the members tasks call; `INVALID_OPTION` for a bad
   *   `padTokenId` (the template is checked by the first `answer`).
   */
  constructor(model: ModelRunner, tokenizer: TokenizerLike, options: QuestionAnswererOptions = {}) {
    checkModelRunner(model, 'QuestionAnswerer');
    checkTokenizer(tokenizer, 'QuestionAnswerer');
    tokenIdOption(
      'QuestionAnswerer',
      'padTokenId',
      optionsObject(options, 'QuestionAnswerer').padTokenId,
      -(2 ** 31),
    );
    requireIo(model, 'inputIds', 'QuestionAnswerer');
    this.#start = requireIo(model, 'startLogits', 'QuestionAnswerer');
    this.#end = requireIo(model, 'endLogits', 'QuestionAnswerer');
    checkVocabulary(model, tokenizer, 'QuestionAnswerer');
    this.#model = model;
    this.#tokenizer = tokenizer;
    this.#template =
      options.template ??
      (tokenizer as { pairTemplate?: PairTemplate }).pairTemplate ??
      bertTemplate();
    this.#pad = options.padTokenId ?? model.config?.padTokenId ?? 0;
  }

  /**
   * The `topK` best answers to `question` in `context`.
   * @throws {InferenceError} `INVALID_OPTION` when the question leaves no room for context or the stride is too big;
   *   `EMPTY_INPUT` for a context without tokens; `INVALID_INPUT` for a question or context that is not a string;
   *   `INVALID_OPTION` for `topK`, `maxAnswerLength`, `maxQuestionLength` that are not positive integers, a negative
   *   `docStride`, a `maxLength` outside 1..the model's positions, or a bad batch option.
   */
  async answer(question: string, context: string, options: AnswerOptions = {}): Promise<Answer[]> {
    const task = 'QuestionAnswerer.answer';
    checkString(question, 'question', task);
    checkString(context, 'context', task);
    optionsObject(options, task);
    checkBatchOptions(options, task);
    const positions = this.#model.config?.maxPositions;
    const topK = integerOption(task, 'topK', options.topK, 1) ?? 1;
    const maxAnswerLength =
      integerOption(task, 'maxAnswerLength', options.maxAnswerLength, 1) ?? 15;
    const maxLength =
      integerOption(task, 'maxLength', options.maxLength, 1, positions) ??
      Math.min(384, positions ?? 384);
    integerOption(task, 'docStride', options.docStride, 0);
    integerOption(task, 'maxQuestionLength', options.maxQuestionLength, 1);
    if (
      context.trim() === '' ||
      this.#tokenizer.encode(context, null, { addSpecialTokens: false }).ids.length === 0
    ) {
      throw new InferenceError('EMPTY_INPUT', `${task}: the context has no tokens`);
    }
    const maxQuestionLength = options.maxQuestionLength ?? 64;
    const questionIds = this.#tokenizer
      .encode(question, null, { addSpecialTokens: false })
      .ids.slice(0, maxQuestionLength);
    let windows: QaFeature[];
    try {
      // Hugging Face's QA preprocessing: question + context windows overlapping by docStride (only_second).
      const probeRoom = maxLength - questionIds.length - 3;
      const docStride = Math.min(options.docStride ?? 128, Math.max(0, Math.floor(probeRoom / 2)));
      windows = qaFeatures(this.#tokenizer, { ids: questionIds }, context, {
        template: this.#template,
        maxLength,
        docStride,
        padding: false,
        padToken: this.#pad,
      });
    } catch (error) {
      // task-inputs' CONTEXT_TOO_LONG / INVALID_OPTION / MISSING_OFFSETS / UNKNOWN_TOKEN: all about these inputs.
      throw new InferenceError('INVALID_OPTION', `${task}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    windows.forEach((w, i) => checkIds(this.#model, w.ids, `window ${i}`, task));
    const perWindow = await mapInBatches(
      windows.map((w) => w.ids.length),
      options,
      async (indices) => {
        const rows = indices.map((i) => windows[i] as QaFeature);
        const { feeds, seqLen } = collate(this.#model, rows, { padTokenId: this.#pad });
        checkBatchBytes(
          this.#model.outputs,
          rows.length,
          seqLen,
          options.maxBatchBytes ?? 2 ** 30,
          task,
        );
        const out = await this.#model.run(feeds, options);
        const start = out[this.#start]?.data as Float32Array | undefined;
        const end = out[this.#end]?.data as Float32Array | undefined;
        if (!start || !end)
          throw new InferenceError(
            'MISSING_OUTPUT',
            `${task}: the model returned no ${this.#start}/${this.#end}`,
          );
        return rows.map((w, r) => {
          // Hugging Face's pipeline: softmax over the window's context tokens and [CLS] (the rest are masked with
          // -10000, i.e. probability 0), then p([CLS]) is dropped and spans score p(start) × p(end).
          const ctx = contextPositions(w);
          const ps = clsAndContextSoftmax(start, r * seqLen, w.clsIndex, ctx);
          const pe = clsAndContextSoftmax(end, r * seqLen, w.clsIndex, ctx);
          const spans: { start: number; end: number; score: number }[] = [];
          for (let s = 0; s < ctx.length; s++) {
            for (let e = s; e < Math.min(ctx.length, s + maxAnswerLength); e++) {
              const from = w.offsets[ctx[s] as number] as readonly [number, number];
              const to = w.offsets[ctx[e] as number] as readonly [number, number];
              spans.push({
                start: from[0],
                end: to[1],
                score: (ps[s] as number) * (pe[e] as number),
              });
            }
          }
          spans.sort((a, b) => b.score - a.score);
          return spans.slice(0, topK);
        });
      },
    );
    const best = new Map<string, Answer>();
    for (const { start, end, score } of perWindow.flat().sort((a, b) => b.score - a.score)) {
      const key = `${start}:${end}`;
      if (!best.has(key)) best.set(key, { answer: context.slice(start, end), score, start, end });
      if (best.size >= topK) break;
    }
    return [...best.values()];
  }
}
