/**
 * Hostile inputs for the property suite: every formatter gets plausible arguments with hostile values mixed in
 * (NaN, ±Infinity, -0, huge numbers, lone surrogates, wrong types, nulls in lists), and must answer with a result
 * or a `TaskInputError` that has a code, within a time bound that grows with the input.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { TaskInputError } from './errors';

/** Reproducible runs: change the seed on purpose, never per run. */
export const SEED = 23;

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.double(),
  fc.integer({ min: -2, max: 5 }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, 2 ** 53 + 2, 1e9, 0.5),
  fc.constantFrom(null, undefined, true, '', 'a', {}, [], [[]], [null], Symbol('s'), 10n),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

/** Mostly `good`, sometimes any hostile value. */
export function mostly<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: hostileScalar, weight: 1 });
}

/** Arrays of `item` with the odd hostile element. */
export function listOf(item: fc.Arbitrary<unknown>, maxLength = 8): fc.Arbitrary<unknown> {
  return mostly(fc.array(mostly(item), { maxLength }));
}

/** An options object drawn from `values` (each key mostly a good value), a hostile scalar, or undefined. */
export function optionsOf(values: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const entries = Object.entries(values).map(([k, v]) => fc.tuple(fc.constant(k), mostly(v)));
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 2 },
    {
      arbitrary: fc
        .uniqueArray(fc.oneof(...entries), { maxLength: 5, selector: ([k]) => k })
        .map((e) => Object.fromEntries(e)),
      weight: 7,
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

/**
 * Runs `call` on generated argument lists: it must return a result or throw a `TaskInputError` with a code, in
 * at most `baseMs + perUnitMs × size` milliseconds.
 */
export function assertHostile(
  call: (...args: unknown[]) => unknown,
  args: fc.Arbitrary<unknown[]>,
  { numRuns = 200, baseMs = 250, perUnitMs = 2 } = {},
): void {
  fc.assert(
    fc.property(args, (a) => {
      const started = performance.now();
      try {
        call(...a);
      } catch (e) {
        if (!(e instanceof TaskInputError) || typeof e.code !== 'string') throw e;
      }
      expect(performance.now() - started).toBeLessThan(baseMs + perUnitMs * sizeOf(a));
    }),
    { seed: SEED, numRuns },
  );
}
