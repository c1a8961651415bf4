/**
 * The property suite's generators (shared in @nlpft/test-utils/hostile), bound to this package's error, plus the
 * texts metrics see: every public function must answer with a result without NaN (NaN is never returned silently)
 * or a `MetricsError` that has a code, within a time bound that grows with the input.
 */
import {
  assertHostile as assertHostileWith,
  hasNaN,
  listOf as listOfWith,
  optionsOf as optionsOfWith,
} from '@nlpft/test-utils/hostile';
import fc from 'fast-check';
import { expect } from 'vitest';
import { MetricsError } from './errors';

export { HOSTILE_SEED as SEED, hostileScalar, mostly } from '@nlpft/test-utils/hostile';

/** Lists long enough for the averaging and n-gram paths (24 elements). */
export const listOf = (item: fc.Arbitrary<unknown>, maxLength = 24): fc.Arbitrary<unknown> =>
  listOfWith(item, maxLength);

export const optionsOf = (values: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> =>
  optionsOfWith(values, { maxKeys: 3 });

const WORDS = [
  'the',
  'cat',
  'sat',
  'on',
  'a',
  'mat',
  '.',
  ',',
  'é',
  '猫',
  '\u0301',
  '\ud800',
  '😀‍😀',
];
/** Text: words of a small vocabulary (so n-grams match), arbitrary code points, or grapheme soup. */
export const text: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 20 }).map((w) => w.join(' ')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const isTyped = (e: unknown): boolean => e instanceof MetricsError && typeof e.code === 'string';

export function assertHostile(
  call: (...args: unknown[]) => unknown,
  args: fc.Arbitrary<unknown[]>,
  { numRuns = 300, baseMs = 250, perUnitMs = 2 } = {},
): void {
  assertHostileWith(call, args, {
    isTyped,
    numRuns,
    baseMs,
    perUnitMs,
    check: (result) => expect(hasNaN(result), 'result has NaN').toBe(false),
  });
}
