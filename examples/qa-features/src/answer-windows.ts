import { bertTemplate, qaFeatures, type QaFeature } from '@nlpft/task-inputs';
import type { Tokenizer } from '@nlpft/tokenizers';

/** Window size and overlap, in tokens (Hugging Face's `max_length` and `doc_stride`). */
export interface WindowOptions {
  readonly maxLength: number;
  readonly docStride: number;
}

/**
 * Training features for extractive QA: `[CLS] question [SEP] context-window [SEP]` for every window of a long
 * context, each with the answer's token positions (or the `[CLS]` index where the window does not hold the whole
 * answer), as Hugging Face's `run_qa.py` prepares SQuAD.
 */
export function answerWindows(
  tokenizer: Tokenizer,
  question: string,
  context: string,
  answer: { readonly start: number; readonly text: string },
  options: WindowOptions,
): QaFeature[] {
  return qaFeatures(tokenizer, question, context, { template: bertTemplate(), ...options, answer });
}

/** Token positions `[start, end]` (inclusive) back to the character span `[start, end)` of the context they cover. */
export function charSpan(feature: QaFeature, start: number, end: number): [number, number] {
  const first = feature.offsets[start];
  const last = feature.offsets[end];
  if (!first || !last)
    throw new Error(
      `charSpan: tokens ${start}..${end} are not all context tokens of window ${feature.windowIndex}`,
    );
  return [first[0], last[1]];
}

/** The character span of the context a window covers (its first to last context token). */
export function windowSpan(feature: QaFeature): [number, number] {
  const inContext = feature.offsets.filter((o) => o !== null);
  return [inContext[0]?.[0] ?? 0, inContext[inContext.length - 1]?.[1] ?? 0];
}
