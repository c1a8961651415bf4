/**
 * Hostile inputs for the property suite: every public function gets plausible arguments with hostile values mixed
 * in (NaN, ±Infinity, -0, huge numbers, lone surrogates, wrong types, sparse and nested arrays), and must answer
 * with a result or a `MetricsError` that has a code, within a time bound that grows with the input.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { MetricsError } from './errors';

/** Reproducible runs: change the seed on purpose, never per run. */
export const SEED = 23;

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.integer({ min: -2, max: 5 }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, 2 ** 53 + 2, 1e9, 0.5),
  fc.constantFrom(null, undefined, true, '', 'a', {}, [], [[]], Symbol('s'), 10n),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

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

/** Mostly `good`, sometimes any hostile value. */
export function mostly<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: hostileScalar, weight: 1 });
}

/** Arrays of `item` with the odd hostile element. */
export function listOf(item: fc.Arbitrary<unknown>, maxLength = 24): fc.Arbitrary<unknown> {
  return mostly(fc.array(mostly(item), { maxLength }));
}

/** An options object drawn from `keys` (plus an unknown key now and then), or undefined. */
export function optionsOf(values: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const entries = Object.entries(values).map(([k, v]) => fc.tuple(fc.constant(k), mostly(v)));
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    {
      arbitrary: fc
        .uniqueArray(fc.oneof(...entries), { maxLength: 3, selector: ([k]) => k })
        .map((e) => Object.fromEntries(e)),
      weight: 6,
    },
    { arbitrary: hostileScalar, weight: 1 },
  );
}

/** A rough input size: characters of strings, elements of arrays, keys of objects. */
export function sizeOf(x: unknown, seen = new Set<unknown>()): number {
  if (typeof x === 'string') return x.length + 1;
  if (x === null || typeof x !== 'object' || seen.has(x)) return 1;
  seen.add(x);
  let n = 1;
  for (const v of Object.values(x)) n += sizeOf(v, seen);
  return n;
}

function hasNaN(x: unknown, seen = new Set<unknown>()): boolean {
  if (typeof x === 'number') return Number.isNaN(x);
  if (x === null || typeof x !== 'object' || seen.has(x)) return false;
  seen.add(x);
  return Object.values(x).some((v) => hasNaN(v, seen));
}

/**
 * Runs `call` on generated argument lists: it must return a result without NaN (NaN is never returned silently)
 * or throw a `MetricsError` with a code, in at most `baseMs + perUnitMs × size` milliseconds.
 */
export function assertHostile(
  call: (...args: unknown[]) => unknown,
  args: fc.Arbitrary<unknown[]>,
  { numRuns = 300, baseMs = 250, perUnitMs = 2 } = {},
): void {
  fc.assert(
    fc.property(args, (a) => {
      const started = performance.now();
      let result: unknown;
      try {
        result = call(...a);
      } catch (e) {
        if (!(e instanceof MetricsError) || typeof e.code !== 'string') throw e;
      }
      const ms = performance.now() - started;
      expect(hasNaN(result), 'result has NaN').toBe(false);
      expect(ms).toBeLessThan(baseMs + perUnitMs * sizeOf(a));
    }),
    { seed: SEED, numRuns },
  );
}
