import { checkPerturbationArgs } from './argument-checks';
import { graphemes, isLetter } from './graphemes';
import { randomIndex } from './random-index';
import type { Rng } from './types';

/**
 * Deletes one letter from a word of two letters or more (so no word vanishes). One draw picks the letter among
 * all candidates. `null` when no word has two letters.
 * @example typoDrop('abcd', rng) // draw 0.5 → letters 0..3 → index 2 → 'abd'
 */
export function typoDrop(text: string, rng: Rng): string | null {
  checkPerturbationArgs('typoDrop', text, rng);
  const chars = graphemes(text);
  const positions: number[] = [];
  let start = 0;
  // Walk runs of letters; every letter of a run of length >= 2 is a candidate.
  for (let i = 0; i <= chars.length; i++) {
    if (i < chars.length && isLetter(chars[i]!)) continue;
    if (i - start >= 2) for (let j = start; j < i; j++) positions.push(j);
    start = i + 1;
  }
  if (positions.length === 0) return null;
  chars.splice(positions[randomIndex(rng, positions.length)]!, 1);
  return chars.join('');
}
