import { checkPerturbationArgs } from './argument-checks';
import { graphemes, isLetter } from './graphemes';
import { randomIndex } from './random-index';
import type { Rng } from './types';

/**
 * Swaps two adjacent, different letters (grapheme clusters, so accents and surrogate pairs move whole). One draw
 * picks the pair by its left position. `null` when no two adjacent letters differ.
 * @example typoSwap('abcd', rng) // draw 0.5 → pairs at 0, 1, 2 → index 1 → 'acbd'
 */
export function typoSwap(text: string, rng: Rng): string | null {
  checkPerturbationArgs('typoSwap', text, rng);
  const chars = graphemes(text);
  const positions: number[] = [];
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (isLetter(a) && isLetter(b) && a !== b) positions.push(i);
  }
  if (positions.length === 0) return null;
  const at = positions[randomIndex(rng, positions.length)]!;
  [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
  return chars.join('');
}
