import { checkPerturbationArgs } from './argument-checks';
import { graphemes } from './graphemes';
import { KEYBOARD_NEIGHBOURS } from './keyboard-neighbours';
import { randomIndex } from './random-index';
import type { Rng } from './types';

/**
 * Replaces one ASCII letter with a QWERTY neighbour, keeping its case (a "fat finger" typo). Draw 1 picks the
 * letter among the text's ASCII letters, draw 2 the neighbour. `null` when the text has no ASCII letter.
 * @example typoKeyboard('cat', rng) // e.g. 'cst'
 */
export function typoKeyboard(text: string, rng: Rng): string | null {
  checkPerturbationArgs('typoKeyboard', text, rng);
  const chars = graphemes(text);
  const positions = chars.flatMap((g, i) => (/^[A-Za-z]$/.test(g) ? [i] : []));
  if (positions.length === 0) return null;
  const at = positions[randomIndex(rng, positions.length)]!;
  const original = chars[at]!;
  const neighbours = KEYBOARD_NEIGHBOURS.get(original.toLowerCase())!;
  const typed = neighbours[randomIndex(rng, neighbours.length)]!;
  chars[at] = original === original.toLowerCase() ? typed : typed.toUpperCase();
  return chars.join('');
}
