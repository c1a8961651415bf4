import { checkPerturbationArgs } from './argument-checks';
import { CONTRACTION_PAIRS } from './contraction-pairs';
import { matchCase } from './match-case';
import { randomIndex } from './random-index';
import type { Rng } from './types';

interface Rewrite {
  index: number;
  length: number;
  replacement: string;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Whole words only: no letter, digit or apostrophe on either side.
const bounded = (body: string): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}'’])(?:${body})(?![\\p{L}\\p{N}'’])`, 'giu');

const PATTERNS = CONTRACTION_PAIRS.flatMap(([expanded, contracted]) => [
  // "do not" → "don't" (any whitespace between the words); "don't" or "don’t" → "do not".
  { pattern: bounded(expanded.split(' ').map(escape).join('\\s+')), to: contracted },
  { pattern: bounded(escape(contracted).replace("'", "['’]")), to: expanded },
]);

/**
 * Contracts one expandable phrase or expands one contraction ("do not" ↔ "don't", "I am" ↔ "I'm", 28 pairs),
 * keeping the case of the first letter or of all letters. One draw picks among every match in the text, in
 * text order. `null` when nothing matches. New contractions use the ASCII apostrophe.
 * @example contractions('I do not like it', rng) // "I don't like it"
 */
export function contractions(text: string, rng: Rng): string | null {
  checkPerturbationArgs('contractions', text, rng);
  const rewrites: Rewrite[] = [];
  for (const { pattern, to } of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      rewrites.push({ index: m.index, length: m[0].length, replacement: matchCase(m[0], to) });
    }
  }
  if (rewrites.length === 0) return null;
  rewrites.sort((a, b) => a.index - b.index || b.length - a.length);
  const r = rewrites[randomIndex(rng, rewrites.length)]!;
  return text.slice(0, r.index) + r.replacement + text.slice(r.index + r.length);
}
