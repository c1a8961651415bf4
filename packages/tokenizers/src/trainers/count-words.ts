import { TokenizerError } from '../errors';
import type { PhaseProgress } from './phase-progress';
import type { TrainingSplitter } from './training-splitter';
import type { TrainingTexts } from './types';

function isAsyncIterable(x: unknown): x is AsyncIterable<string> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x;
}

function isIterable(x: unknown): x is Iterable<string> {
  return typeof x === 'object' && x !== null && Symbol.iterator in x;
}

/**
 * Counts the words of every text after the training pipeline (normalizer, pre-tokenizer), in first-seen order.
 * Accepts arrays, generators and async iterables (a readline interface, a stream of lines).
 * @throws {TokenizerError} `INVALID_INPUT` when `texts` is not iterable or yields a non-string.
 */
export async function countWords(
  texts: TrainingTexts,
  split: TrainingSplitter,
  reporter?: PhaseProgress,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let n = 0;
  const add = (text: unknown): void => {
    if (typeof text !== 'string') {
      throw new TokenizerError(
        'INVALID_INPUT',
        `train: texts[${n}] is ${text === null ? 'null' : typeof text}; every text must be a string`,
      );
    }
    for (const w of split(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
    n++;
    if (reporter && (n & 1023) === 0) reporter.tick(n, undefined);
  };
  reporter?.begin('read', undefined);
  if (isAsyncIterable(texts)) {
    for await (const text of texts) add(text);
  } else if (isIterable(texts) && typeof texts !== 'string') {
    for (const text of texts) add(text);
  } else {
    throw new TokenizerError(
      'INVALID_INPUT',
      `train: texts must be an iterable or async iterable of strings, got ${typeof texts === 'string' ? 'a string (wrap it in an array)' : typeof texts}`,
    );
  }
  reporter?.end(n, n);
  return counts;
}
