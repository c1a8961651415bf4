import { checkPerturbationArgs } from './argument-checks';
import { graphemes } from './graphemes';
import { randomIndex } from './random-index';
import type { Rng } from './types';

/**
 * Latin letters and Cyrillic/Greek letters drawn alike in common fonts (pairs from Unicode's confusables data,
 * UTS #39). Each is a distinct letter, so Unicode normalisation (NFC, NFKC) leaves it as it is.
 */
export const HOMOGLYPHS: Readonly<Record<string, readonly string[]>> = {
  a: ['\u0430'],
  c: ['\u0441'],
  e: ['\u0435'],
  i: ['\u0456'],
  j: ['\u0458'],
  o: ['\u043e', '\u03bf'],
  p: ['\u0440'],
  s: ['\u0455'],
  x: ['\u0445'],
  y: ['\u0443'],
  A: ['\u0410', '\u0391'],
  B: ['\u0412', '\u0392'],
  C: ['\u0421'],
  E: ['\u0415', '\u0395'],
  H: ['\u041d', '\u0397'],
  I: ['\u0406', '\u0399'],
  J: ['\u0408'],
  K: ['\u041a', '\u039a'],
  M: ['\u041c', '\u039c'],
  N: ['\u039d'],
  O: ['\u041e', '\u039f'],
  P: ['\u0420', '\u03a1'],
  S: ['\u0405'],
  T: ['\u0422', '\u03a4'],
  X: ['\u0425', '\u03a7'],
  Y: ['\u03a5'],
  Z: ['\u0396'],
};

/**
 * Replaces one Latin letter with a Cyrillic or Greek look-alike from `HOMOGLYPHS` ("dangerous input": it reads
 * the same to a person but tokenizes differently). Draw 1 picks the letter, draw 2 the look-alike. The text keeps
 * its length; normalisation does not undo the change. `null` when no letter has a look-alike.
 * @example homoglyphs('cat', rng) // e.g. 'c\u0430t' (Cyrillic а)
 */
export function homoglyphs(text: string, rng: Rng): string | null {
  checkPerturbationArgs('homoglyphs', text, rng);
  const chars = graphemes(text);
  const positions = chars.flatMap((g, i) => (HOMOGLYPHS[g] ? [i] : []));
  if (positions.length === 0) return null;
  const at = positions[randomIndex(rng, positions.length)]!;
  const lookalikes = HOMOGLYPHS[chars[at]!]!;
  chars[at] = lookalikes[randomIndex(rng, lookalikes.length)]!;
  return chars.join('');
}
