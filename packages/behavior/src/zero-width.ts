import { checkPerturbationArgs } from './argument-checks';
import { graphemes } from './graphemes';
import { randomIndex } from './random-index';
import type { Rng } from './types';

/** The invisible characters `zeroWidth` inserts: zero-width space, non-joiner, joiner, and the BOM (ZWNBSP). */
export const ZERO_WIDTH_CHARACTERS: readonly string[] = ['\u200b', '\u200c', '\u200d', '\ufeff'];

/**
 * Inserts one invisible character from `ZERO_WIDTH_CHARACTERS` between two grapheme clusters ("dangerous input":
 * the text looks unchanged). Draw 1 picks the gap, draw 2 the character. Normalisation (NFKC) keeps them; strip
 * them with `text.replace(/[\u200b-\u200d\ufeff]/g, '')`. A joiner between two emoji can join them into one
 * sequence. `null` for texts of fewer than two graphemes.
 * @example zeroWidth('ab', rng) // draws 0, 0 → 'a\u200bb'
 */
export function zeroWidth(text: string, rng: Rng): string | null {
  checkPerturbationArgs('zeroWidth', text, rng);
  const chars = graphemes(text);
  if (chars.length < 2) return null;
  const gap = 1 + randomIndex(rng, chars.length - 1);
  const ch = ZERO_WIDTH_CHARACTERS[randomIndex(rng, ZERO_WIDTH_CHARACTERS.length)]!;
  return chars.slice(0, gap).join('') + ch + chars.slice(gap).join('');
}
