import {
  checkArray,
  checkInteger,
  checkObject,
  checkString,
  checkText,
  checkTokenizer,
} from './check-args';
import { encodeInputs } from './encode-inputs';
import { TaskInputError } from './errors';
import type { PadOptions } from './pad-encodings';
import { resolveTokenId } from './resolve-token-id';
import type { Offset, PairTemplate, TokenizerLike, TokenOrId, TokenSequence } from './types';

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
  /** The answer to locate in every window (training features). @defaultValue `undefined` (no answer positions) */
  answer?: QaAnswer;
  /** Most windows a context may need. @defaultValue no limit */
  maxWindows?: number;
  /**
   * The tokenizer's `cls_token` (tokenizer_config.json); its first position in a window is the no-answer index, as
   * in run_qa.py. `null`: the tokenizer has none. A string missing from the vocabulary counts as none when it is the
   * default and throws `UNKNOWN_TOKEN` when given.
   * @defaultValue `'[CLS]'`
   */
  clsToken?: TokenOrId | null;
  /**
   * The tokenizer's `bos_token`, the no-answer index where the window has no `clsToken`; with neither, index 0.
   * @defaultValue `'<s>'` (RoBERTa's cls and bos token)
   */
  bosToken?: TokenOrId | null;
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
  /**
   * The "no answer here" position, as run_qa.py finds it: the index of `clsToken` in `ids`, else of `bosToken`,
   * else 0 (`[CLS]` for BERT and `<s>` for RoBERTa at 0; T5, which has neither, 0).
   */
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
  const fn = 'qaFeatures';
  checkTokenizer(tokenizer, fn);
  checkText(question, 'question', fn);
  checkString(context, 'context', fn);
  checkObject(options, 'options', fn);
  if (options.answer !== undefined) {
    checkObject(options.answer, 'options.answer', fn, true);
    checkInteger(options.answer.start, 'options.answer.start', fn);
  }
  const clsId = optionalTokenId(tokenizer, options.clsToken, '[CLS]', 'options.clsToken');
  const bosId = optionalTokenId(tokenizer, options.bosToken, '<s>', 'options.bosToken');
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
  return windows.map((w, windowIndex) => {
    const offsets = w.offsets.map((o, i) => (w.sequenceIds[i] === 1 ? o : null));
    // run_qa.py: `input_ids.index(cls_token_id)` if present, else of `bos_token_id`, else 0.
    const at = (id: number | undefined): number => (id === undefined ? -1 : w.ids.indexOf(id));
    const clsIndex = at(clsId) >= 0 ? at(clsId) : at(bosId) >= 0 ? at(bosId) : 0;
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

/** The id of an optional special token: `null` is none, a default missing from the vocabulary is none too. */
function optionalTokenId(
  tokenizer: TokenizerLike,
  token: TokenOrId | null | undefined,
  fallback: string,
  where: string,
): number | undefined {
  if (token === null) return undefined;
  if (token === undefined) return tokenizer.tokenToId(fallback) ?? undefined;
  return resolveTokenId(tokenizer, token, `qaFeatures: ${where}`);
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
  const fn = 'qaAnswerSpan';
  checkObject(feature, 'feature', fn, true);
  checkArray((feature as { offsets?: unknown }).offsets, 'feature.offsets', fn);
  checkInteger(startToken, 'startToken', fn);
  checkInteger(endToken, 'endToken', fn);
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
