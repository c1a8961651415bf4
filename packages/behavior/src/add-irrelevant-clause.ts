import { checkPerturbationArgs } from './argument-checks';
import { IRRELEVANT_CLAUSES } from './lexicons';
import { randomIndex } from './random-index';
import type { Rng } from './types';

/**
 * Adds a short neutral sentence ("The meeting was at noon.") before or after the text, as CheckList's
 * irrelevant additions. Draw 1 picks the sentence, draw 2 the side (< 0.5: before). After a text without closing
 * punctuation a full stop is added first. `null` for blank text.
 * @example addIrrelevantClause('Great film!', rng) // e.g. 'Great film! It was written in blue ink.'
 */
export function addIrrelevantClause(text: string, rng: Rng): string | null {
  checkPerturbationArgs('addIrrelevantClause', text, rng);
  const body = text.trim();
  if (body.length === 0) return null;
  const clause = IRRELEVANT_CLAUSES[randomIndex(rng, IRRELEVANT_CLAUSES.length)]!;
  if (rng() < 0.5) return `${clause} ${body}`;
  return `${body}${/[.!?…]$/u.test(body) ? '' : '.'} ${clause}`;
}
