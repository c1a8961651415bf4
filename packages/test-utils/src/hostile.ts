/**
 * Hostile inputs for the packages' property suites: plausible arguments with hostile values mixed in (NaN,
 * ±Infinity, -0, huge numbers, lone surrogates, wrong types, nulls in lists). Every public function must answer
 * with a valid result or its package's typed error, within a time bound that grows with the input. Each suite
 * passes its own `isTyped` (its package's error class), so this file depends on no package.
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/** Reproducible runs: change the seed on purpose, never per run. */
export const HOSTILE_SEED = 23;

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

/** Arrays of `item` with the odd hostile element, or a hostile value instead of the array. */
export function listOf(item: fc.Arbitrary<unknown>, maxLength = 8): fc.Arbitrary<unknown> {
  return mostly(fc.array(mostly(item), { maxLength }));
}

/** An options object drawn from `values` (each key mostly a good value), a hostile scalar, or undefined. */
export function optionsOf(
  values: Record<string, fc.Arbitrary<unknown>>,
  { maxKeys = 4 }: { maxKeys?: number } = {},
): fc.Arbitrary<unknown> {
  const entries = Object.entries(values).map(([k, v]) => fc.tuple(fc.constant(k), mostly(v)));
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    {
      arbitrary: fc
        .uniqueArray(fc.oneof(...entries), { maxLength: maxKeys, selector: ([k]) => k })
        .map((e) => Object.fromEntries(e)),
      weight: 6,
    },
    { arbitrary: hostileScalar, weight: 1 },
  );
}

/** A rough input size: characters of strings, elements of arrays and typed arrays, keys of objects. */
export function sizeOf(x: unknown, seen = new Set<unknown>()): number {
  if (typeof x === 'string') return x.length + 1;
  if (ArrayBuffer.isView(x)) return x.byteLength + 1;
  if (x === null || typeof x !== 'object' || seen.has(x)) return 1;
  seen.add(x);
  let n = 1;
  for (const v of Object.values(x)) n += sizeOf(v, seen);
  return n;
}

/** Whether a NaN hides anywhere in `x` (results must never carry one silently). */
export function hasNaN(x: unknown, seen = new Set<unknown>()): boolean {
  if (typeof x === 'number') return Number.isNaN(x);
  if (ArrayBuffer.isView(x) && !(x instanceof DataView))
    return Array.prototype.some.call(x, (v: unknown) => typeof v === 'number' && Number.isNaN(v));
  if (x === null || typeof x !== 'object' || seen.has(x)) return false;
  seen.add(x);
  return Object.values(x).some((v) => hasNaN(v, seen));
}

export interface HostileOptions<A extends unknown[]> {
  /** The package's typed error: anything else thrown is a finding. */
  isTyped: (e: unknown) => boolean;
  numRuns?: number;
  baseMs?: number;
  perUnitMs?: number;
  size?: (a: A) => number;
  /** Checks a returned result (throws or fails an expectation when it is wrong). */
  check?: (result: unknown) => void;
}

/** How one call ended: its result, or what it threw. */
type Outcome = { failed: false; result: unknown } | { failed: true; error: unknown };

function outcomeOf<A extends unknown[]>(call: (...args: A) => unknown, a: A): Outcome {
  try {
    return { failed: false, result: call(...a) };
  } catch (error) {
    return { failed: true, error };
  }
}

async function asyncOutcomeOf<A extends unknown[]>(
  call: (...args: A) => Promise<unknown>,
  a: A,
): Promise<Outcome> {
  try {
    return { failed: false, result: await call(...a) };
  } catch (error) {
    return { failed: true, error };
  }
}

type Rules<A extends unknown[]> = Required<HostileOptions<A>>;

function rulesOf<A extends unknown[]>(
  options: HostileOptions<A>,
  defaults: { numRuns: number; baseMs: number },
): Rules<A> {
  return {
    ...defaults,
    perUnitMs: 2,
    size: (a: A): number => sizeOf(a),
    check: (): void => undefined,
    // An option given as undefined keeps its default, as destructuring defaults did.
    ...(Object.fromEntries(
      Object.entries(options).filter(([, v]) => v !== undefined),
    ) as HostileOptions<A>),
  };
}

/** The verdict on one call that started at `started`: a typed error, or a result that passes `check`, in time. */
function judge<A extends unknown[]>(
  a: A,
  started: number,
  outcome: Outcome,
  rules: Rules<A>,
): void {
  const ms = performance.now() - started;
  if (outcome.failed) {
    if (!rules.isTyped(outcome.error)) throw outcome.error;
  } else rules.check(outcome.result);
  expect(ms).toBeLessThan(rules.baseMs + rules.perUnitMs * rules.size(a));
}

/**
 * Runs `call` on generated argument lists: it must return a result that passes `check` or throw an error that
 * `isTyped` accepts, in at most `baseMs + perUnitMs × size` milliseconds.
 */
export function assertHostile<A extends unknown[]>(
  call: (...args: A) => unknown,
  args: fc.Arbitrary<A>,
  options: HostileOptions<A>,
): void {
  const rules = rulesOf(options, { numRuns: 200, baseMs: 250 });
  fc.assert(
    fc.property(args, (a) => {
      const started = performance.now();
      judge(a, started, outcomeOf(call, a), rules);
    }),
    { seed: HOSTILE_SEED, numRuns: rules.numRuns },
  );
}

/** The async twin of `assertHostile`, for entry points that return promises (sessions, pipelines). */
export async function assertHostileAsync<A extends unknown[]>(
  call: (...args: A) => Promise<unknown>,
  args: fc.Arbitrary<A>,
  options: HostileOptions<A>,
): Promise<void> {
  const rules = rulesOf(options, { numRuns: 100, baseMs: 1000 });
  await fc.assert(
    fc.asyncProperty(args, async (a) => {
      const started = performance.now();
      judge(a, started, await asyncOutcomeOf(call, a), rules);
    }),
    { seed: HOSTILE_SEED, numRuns: rules.numRuns },
  );
}
