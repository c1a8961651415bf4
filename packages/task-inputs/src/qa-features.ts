import { encodeInputs } from './encode-inputs';
import { TaskInputError } from './errors';
import type { PadOptions } from './pad-encodings';
import type { Offset, PairTemplate, TokenizerLike, TokenSequence } from './types';

/** An answer as a `[start, end)` span of the context, in UTF-16 units; `text`, when given, must be what the span holds. */
export type QaAnswer =
  | { readonly start: number; readonly end: number }
  | { readonly start: number; readonly text: string };

/** Options of {@link qaFeatures}; the defaults are those of Hugging Face's `run_qa.py`. */
export interface QaFeatureOptions {
  /** Where special tokens go. @defaultValue `tokenizer.pairTemplate` */
  template?: PairTemplate;
  /** Tokens per window, special tokens included. @defaultValue 384 */
  maxLength?: number;
  /** Tokens of context shared by consecutive windows (HF's `doc_stride`, passed as `stride`). @defaultValue 128 */
  docStride?: number;
  /** Pad every window to `maxLength` (`'max_length'`) or leave them unpadded (`false`). @defaultValue 'max_length' */
  padding?: 'max_length' | false;
  /** The pad token. @defaultValue 0 */
  padToken?: PadOptions['padToken'];
  /** The answer to locate in every window (training features). */
  answer?: QaAnswer;
  /** Most windows a context may need. @defaultValue no limit */
  maxWindows?: number;
}

/** One window of a question and its context: model inputs plus what is needed to find and map answers. */
export interface QaFeature {
  readonly ids: number[];
  readonly typeIds: number[];
  readonly attentionMask: number[];
  readonly specialTokensMask: number[];
  /** The context span of each token; `null` for question, special and pad tokens (as HF sets them for evaluation). */
  readonly offsets: (Offset | null)[];
  /** Which window of the context this is, from 0. */
  readonly windowIndex: number;
  /** Token index of the template's first special token (`[CLS]`, `<s>`): the "no answer here" position. */
  readonly clsIndex: number;
  /** Token positions of the answer in this window, or `clsIndex` when the window does not hold it all. */
  readonly startPosition?: number;
  readonly endPosition?: number;
}

function checkAnswer(answer: QaAnswer, context: string): [number, number] {
  const { start } = answer;
  const end = 'end' in answer ? answer.end : start + answer.text.length;
  if (
    !Number.isInteger(start) ||
    !Number.isInteger(end) ||
    start < 0 ||
    end > context.length ||
    end < start
  ) {
    throw new TaskInputError(
      'ANSWER_OUTSIDE_CONTEXT',
      `qaFeatures: answer span [${start}, ${end}) is not inside the context of ${context.length} UTF-16 units`,
    );
  }
  if ('text' in answer && context.slice(start, end) !== answer.text) {
    throw new TaskInputError(
      'ANSWER_OUTSIDE_CONTEXT',
      `qaFeatures: the context at [${start}, ${end}) reads ${JSON.stringify(context.slice(start, end))}, not the answer ` +
        `${JSON.stringify(answer.text)}; give answer.start in UTF-16 units of the context`,
    );
  }
  return [start, end];
}

/**
 * Extractive-QA features as Hugging Face's question-answering preprocessing builds them: the question with each
 * window of the context (`truncation: 'only_second'`, `stride: docStride`, padded to `maxLength`), offsets kept for
 * context tokens only, and, given an answer, its start/end token positions in each window (the CLS index where the
 * window does not hold the whole answer).
 * @throws {TaskInputError} `CONTEXT_TOO_LONG` when the question leaves no room for context or the context needs more
 *   than `maxWindows` windows; `ANSWER_OUTSIDE_CONTEXT` for an answer span outside the context or not matching its
 *   text; `MISSING_OFFSETS` when the tokenizer gives no offsets; `INVALID_OPTION` when `docStride` is not below the
 *   context room of a window.
 * @example
 * const features = qaFeatures(tokenizer, 'Where is the tower?', context, { answer: { start: 37, text: 'Paris' } });
 * features.map((f) => [f.startPosition, f.endPosition]) // [[14, 14], [0, 0]]
 * @see https://github.com/huggingface/transformers/blob/main/examples/pytorch/question-answering/run_qa.py
 */
export function qaFeatures(
  tokenizer: TokenizerLike,
  question: string | TokenSequence,
  context: string,
  options: QaFeatureOptions = {},
): QaFeature[] {
  const {
    maxLength = 384,
    docStride = 128,
    padding = 'max_length',
    maxWindows = Infinity,
  } = options;
  const answer = options.answer ? checkAnswer(options.answer, context) : undefined;
  const q =
    typeof question === 'string'
      ? tokenizer.encode(question, null, { addSpecialTokens: false })
      : question;
  const c = tokenizer.encode(context, null, { addSpecialTokens: false });
  if (!c.offsets) {
    throw new TaskInputError(
      'MISSING_OFFSETS',
      'qaFeatures: tokenizer.encode returned no offsets for the context; QA features need them',
    );
  }
  const base = {
    template: options.template,
    maxLength,
    stride: docStride,
    truncation: 'only_second' as const,
  };
  // Room for context: maxLength minus the question and the pair template's special tokens.
  const probe = encodeInputs(tokenizer, q, { ids: [] }, { template: options.template });
  const room = maxLength - probe.ids.length;
  if (room <= 0) {
    throw new TaskInputError(
      'CONTEXT_TOO_LONG',
      `qaFeatures: the question and special tokens take ${probe.ids.length} of maxLength ${maxLength} tokens, leaving no room for context; shorten the question or raise maxLength`,
    );
  }
  const encoded = encodeInputs(tokenizer, q, c, {
    ...base,
    ...(padding ? { padding, padToken: options.padToken ?? 0 } : {}),
  });
  const windows = [encoded, ...encoded.overflowing];
  if (windows.length > maxWindows) {
    throw new TaskInputError(
      'CONTEXT_TOO_LONG',
      `qaFeatures: the context of ${c.ids.length} tokens needs ${windows.length} windows of ${room} context tokens (stride ${docStride}), more than maxWindows ${maxWindows}`,
    );
  }
  const clsAt = probe.specialTokensMask.indexOf(1);
  return windows.map((w, windowIndex) => {
    const offsets = w.offsets.map((o, i) => (w.sequenceIds[i] === 1 ? o : null));
    // Left padding would shift the CLS token; padding here is always on the right.
    const clsIndex = clsAt < 0 ? 0 : clsAt;
    const feature: QaFeature = {
      ids: w.ids,
      typeIds: w.typeIds,
      attentionMask: w.attentionMask,
      specialTokensMask: w.specialTokensMask,
      offsets,
      windowIndex,
      clsIndex,
    };
    if (!answer) return feature;
    const [startChar, endChar] = answer;
    let first = -1;
    let last = -1;
    offsets.forEach((o, i) => {
      if (o) {
        if (first < 0) first = i;
        last = i;
      }
    });
    let startPosition = clsIndex;
    let endPosition = clsIndex;
    if (first >= 0 && offsets[first]![0] <= startChar && offsets[last]![1] >= endChar) {
      // The first and last context tokens overlapping the answer. For answers on token boundaries this is what
      // run_qa.py computes; where a byte-level token splits a character (emoji), run_qa can give start > end.
      let s = first;
      while (s < last && offsets[s]![1] <= startChar) s++;
      let e = last;
      while (e > s && offsets[e]![0] >= endChar) e--;
      startPosition = s;
      endPosition = e;
    }
    return { ...feature, startPosition, endPosition };
  });
}

/**
 * The reverse of {@link qaFeatures}: the context span `[start, end)` (UTF-16 units) covered by answer tokens
 * `startToken..endToken` of a feature, e.g. the argmax of a QA head's start and end logits.
 * @throws {TaskInputError} `POSITION_OUTSIDE_CONTEXT` when a position is not a context token of this window or
 *   `endToken` precedes `startToken`.
 * @example context.slice(...Object.values(qaAnswerSpan(features[0], 14, 14))) // 'Paris'
 */
export function qaAnswerSpan(
  feature: Pick<QaFeature, 'offsets'>,
  startToken: number,
  endToken: number,
): { start: number; end: number } {
  const s = feature.offsets[startToken];
  const e = feature.offsets[endToken];
  if (!s || !e || endToken < startToken) {
    throw new TaskInputError(
      'POSITION_OUTSIDE_CONTEXT',
      `qaAnswerSpan: tokens ${startToken}..${endToken} are not an ordered span of this window's context tokens`,
    );
  }
  return { start: s[0], end: e[1] };
}
