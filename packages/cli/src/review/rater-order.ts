import { createHash } from 'node:crypto';
import { SeededRng } from '@nlpft/training';

/**
 * The seed of a rater's item order: the first 48 bits of SHA-256 of the name, so it is a safe integer that the
 * same name always gives and different names almost never share.
 */
export function raterSeed(rater: string): number {
  return createHash('sha256').update(rater, 'utf8').digest().readUIntBE(0, 6);
}

/**
 * The items in the order `rater` sees them: a Fisher–Yates shuffle seeded by the name (xoshiro128** from
 * `@nlpft/training`), so a restarted server, or the same rater on another day, gets the same order; different
 * raters get different orders, which keeps position effects (fatigue, anchoring) out of the comparison.
 * @example raterOrder(['a', 'b', 'c'], 'ann') // the same permutation every time for 'ann'
 */
export function raterOrder<T>(items: readonly T[], rater: string): T[] {
  return new SeededRng(raterSeed(rater)).shuffle(items);
}
