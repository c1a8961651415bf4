import { checkPerturbationArgs } from './argument-checks';
import { randomIndex } from './random-index';
import type { Rng } from './types';

/**
 * Adds one space to a whitespace run between words, so `a b` becomes `a  b`. One draw picks the run. `null` when
 * the text has no whitespace between non-space characters.
 * @example whitespace('a b c', rng) // draw 0.5 → runs at 1, 3 → the second → 'a b  c'
 */
export function whitespace(text: string, rng: Rng): string | null {
  checkPerturbationArgs('whitespace', text, rng);
  const runs = [...text.matchAll(/(?<=\S)\s+(?=\S)/gu)];
  if (runs.length === 0) return null;
  const run = runs[randomIndex(rng, runs.length)]!;
  const end = run.index + run[0].length;
  return `${text.slice(0, end)} ${text.slice(end)}`;
}
