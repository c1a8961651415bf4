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
  /** @defaultValue the tokenizer's `[CLS]` (or `<s>`) */
  readonly clsTokenId?: number;
  /** @defaultValue the tokenizer's `[SEP]` (or `</s>`) */
  readonly sepTokenId?: number;
  /** @defaultValue config.json `pad_token_id`, else 0 */
  readonly padTokenId?: number;
}

interface Window {
  readonly ids: number[];
  readonly typeIds: number[];
  /** Index in `ids` of the window's first context token. */
  readonly contextStart: number;
  /** Context token index of the window's first context token. */
  readonly firstToken: number;
  readonly count: number;
}

function clsAndContextSoftmax(logits: Float32Array, rowStart: number, w: Window): Float64Array {
  const values = new Float64Array(w.count + 1);
  values[0] = logits[rowStart] as number;
  for (let k = 0; k < w.count; k++) values[k + 1] = logits[rowStart + w.contextStart + k] as number;
  return softmax(values).subarray(1);
}

function tokenId(tokenizer: TokenizerLike, given: number | undefined, names: string[], what: string): number {
  if (given !== undefined) return given;
  for (const n of names) {
    const id = tokenizer.tokenToId(n);
    if (id !== undefined) return id;
  }
  throw new InferenceError('INVALID_OPTION', `QuestionAnswerer: the tokenizer has no ${names.join(' or ')}; pass ${what}`);
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
  readonly #cls: number;
  readonly #sep: number;
  readonly #pad: number;

  /** @throws {InferenceError} `MISSING_OUTPUT` without `start_logits`/`end_logits`; `VOCAB_TOO_LARGE`; `INVALID_OPTION`. */
  constructor(model: ModelRunner, tokenizer: TokenizerLike, options: QuestionAnswererOptions = {}) {
    requireIo(model, 'inputIds', 'QuestionAnswerer');
    this.#start = requireIo(model, 'startLogits', 'QuestionAnswerer');
    this.#end = requireIo(model, 'endLogits', 'QuestionAnswerer');
    checkVocabulary(model, tokenizer, 'QuestionAnswerer');
    this.#model = model;
    this.#tokenizer = tokenizer;
    this.#cls = tokenId(tokenizer, options.clsTokenId, ['[CLS]', '<s>'], 'clsTokenId');
    this.#sep = tokenId(tokenizer, options.sepTokenId, ['[SEP]', '</s>'], 'sepTokenId');
    this.#pad = options.padTokenId ?? model.config?.padTokenId ?? 0;
  }

  /**
   * The `topK` best answers to `question` in `context`.
   * @throws {InferenceError} `INVALID_OPTION` when the question leaves no room for context or the stride is too big;
   *   `EMPTY_INPUT` for a context without tokens.
   */
  async answer(question: string, context: string, options: AnswerOptions = {}): Promise<Answer[]> {
    const task = 'QuestionAnswerer.answer';
    const topK = options.topK ?? 1;
    const maxAnswerLength = options.maxAnswerLength ?? 15;
    const maxLength = options.maxLength ?? Math.min(384, this.#model.config?.maxPositions ?? 384);
    const q = this.#tokenizer.encode(question, undefined, { addSpecialTokens: false }).ids.slice(0, options.maxQuestionLength ?? 64);
    const c = this.#tokenizer.encode(context, undefined, { addSpecialTokens: false });
    const offsets = c.offsets;
    if (!offsets) throw new InferenceError('INVALID_OPTION', `${task}: the tokenizer returned no offsets; QA needs them to map spans to characters`);
    if (c.ids.length === 0) throw new InferenceError('EMPTY_INPUT', `${task}: the context has no tokens`);
    const room = maxLength - q.length - 3;
    if (room < 1) {
      throw new InferenceError('INVALID_OPTION', `${task}: the question takes ${q.length} tokens, leaving no room for context in maxLength ${maxLength}`);
    }
    const stride = Math.min(options.docStride ?? 128, Math.floor(room / 2));
    if (stride >= room || stride < 0) {
      throw new InferenceError('INVALID_OPTION', `${task}: docStride ${stride} must be below the ${room} context tokens per window`);
    }
    checkIds(this.#model, q, 'the question', task);
    checkIds(this.#model, c.ids, 'the context', task);
    // Windows over the context tokens, each overlapping the previous one by `stride` tokens.
    const windows: Window[] = [];
    for (let first = 0; ; first += room - stride) {
      const count = Math.min(room, c.ids.length - first);
      const ids = [this.#cls, ...q, this.#sep, ...c.ids.slice(first, first + count), this.#sep];
      const typeIds = ids.map((_, i) => (i < q.length + 2 ? 0 : 1));
      windows.push({ ids, typeIds, contextStart: q.length + 2, firstToken: first, count });
      if (first + count >= c.ids.length) break;
    }
    const perWindow = await mapInBatches(windows.map((w) => w.ids.length), options, async (indices) => {
      const rows = indices.map((i) => windows[i] as Window);
      const { feeds, seqLen } = collate(this.#model, rows, { padTokenId: this.#pad });
      checkBatchBytes(this.#model.outputs, rows.length, seqLen, options.maxBatchBytes ?? 2 ** 30, task);
      const out = await this.#model.run(feeds, options);
      const start = out[this.#start]?.data as Float32Array | undefined;
      const end = out[this.#end]?.data as Float32Array | undefined;
      if (!start || !end) throw new InferenceError('MISSING_OUTPUT', `${task}: the model returned no ${this.#start}/${this.#end}`);
      return rows.map((w, r) => {
        // Hugging Face's pipeline: softmax over the window's context tokens and [CLS] (the rest are masked with
        // -10000, i.e. probability 0), then p([CLS]) is dropped and spans score p(start) × p(end).
        const ps = clsAndContextSoftmax(start, r * seqLen, w);
        const pe = clsAndContextSoftmax(end, r * seqLen, w);
        const spans: { s: number; e: number; score: number }[] = [];
        for (let s = 0; s < w.count; s++) {
          for (let e = s; e < Math.min(w.count, s + maxAnswerLength); e++) {
            spans.push({ s: w.firstToken + s, e: w.firstToken + e, score: (ps[s] as number) * (pe[e] as number) });
          }
        }
        spans.sort((a, b) => b.score - a.score);
        return spans.slice(0, topK);
      });
    });
    const best = new Map<string, Answer>();
    for (const span of perWindow.flat().sort((a, b) => b.score - a.score)) {
      const start = (offsets[span.s] as readonly [number, number])[0];
      const end = (offsets[span.e] as readonly [number, number])[1];
      const key = `${start}:${end}`;
      if (!best.has(key)) best.set(key, { answer: context.slice(start, end), score: span.score, start, end });
      if (best.size >= topK) break;
    }
    return [...best.values()];
  }
}
