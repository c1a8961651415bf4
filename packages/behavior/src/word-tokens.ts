import { checkString } from './argument-checks';
import type { TokenSpan } from './types';

// Letters, marks and digits, with inner apostrophes kept ("don't", "o’clock") so contractions stay one token.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * The default tokenizer of the shortcut probes: runs of Unicode letters, marks and digits (inner apostrophes
 * kept), lower-cased; punctuation and whitespace are dropped. Offsets point into the original text.
 * @example wordTokens('Great, ZQX!') // [{ token: 'great', start: 0, end: 5 }, { token: 'zqx', start: 7, end: 10 }]
 */
export function wordTokens(text: string): TokenSpan[] {
  checkString('wordTokens: text', text);
  return [...text.matchAll(WORD)].map((m) => ({
    token: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}
