import { checkPerturbationArgs } from './argument-checks';
import { randomIndex } from './random-index';
import type { Rng } from './types';

// A whole integer: not part of a decimal or a digit group ("3.5", "1,000" are left alone).
const INTEGER = /(?<![\d.,])\d+(?![.,]?\d)/gu;

/**
 * Replaces one integer with a different one near it: from [n − d, n + d] without n, where d = max(2, round(n/5))
 * (about ±20%, as CheckList's `change_number`), never below 0. Draw 1 picks the integer, draw 2 the value.
 * `null` when the text has no integer, or only ones above `Number.MAX_SAFE_INTEGER`.
 * @example swapNumbers('I waited 10 minutes', rng) // draw 0.5 → candidates 8, 9, 11, 12 → 'I waited 11 minutes'
 */
export function swapNumbers(text: string, rng: Rng): string | null {
  checkPerturbationArgs('swapNumbers', text, rng);
  const matches = [...text.matchAll(INTEGER)].filter((m) => Number.isSafeInteger(Number(m[0])));
  if (matches.length === 0) return null;
  const m = matches[randomIndex(rng, matches.length)]!;
  const n = Number(m[0]);
  const d = Math.max(2, Math.round(n / 5));
  const lo = Math.max(0, n - d);
  const count = n + d - lo; // values in [lo, n + d] minus n itself
  const k = lo + randomIndex(rng, count);
  const value = k >= n ? k + 1 : k;
  return text.slice(0, m.index) + String(value) + text.slice(m.index + m[0].length);
}
