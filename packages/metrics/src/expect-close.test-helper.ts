import { expect } from 'vitest';

/**
 * Test helper: relative tolerance `rel` (absolute below 1), NaN equals NaN, ±Infinity exact, recursing
 * through arrays and objects (same keys required).
 */
export function expectClose(actual: unknown, expected: unknown, rel = 1e-12, path = '$'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const a = actual as number;
    if (Number.isNaN(expected)) return void expect(a, path).toBeNaN();
    if (!Number.isFinite(expected)) return void expect(a, path).toBe(expected);
    const tol = rel * Math.max(1, Math.abs(expected));
    if (!(Math.abs(a - expected) <= tol)) expect(a, path).toBe(expected);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, rel, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) {
      expectClose((actual as Record<string, unknown>)[k], v, rel, `${path}.${k}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}

/**
 * True when a reference result holds a NaN anywhere. Where scikit-learn, numpy or rouge-score return NaN
 * (empty input, a 0/0 statistic), we throw a `MetricsError` instead: NaN is never returned silently.
 */
export function containsNaN(x: unknown): boolean {
  if (typeof x === 'number') return Number.isNaN(x);
  if (x === null || typeof x !== 'object') return false;
  return Object.values(x).some(containsNaN);
}

/** The codes we throw where a reference returns NaN: empty input, or a statistic that is 0/0. */
export const NAN_CODES: readonly string[] = ['EMPTY_INPUT', 'UNDEFINED_RESULT'];

/** Asserts `run` throws a `MetricsError` with one of {@link NAN_CODES}. */
export function expectNaNRefused(run: () => unknown): void {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toMatchObject({ name: 'MetricsError' });
  expect(NAN_CODES).toContain((caught as { code: string }).code);
}
