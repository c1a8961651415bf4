import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval';

describe('wilsonInterval', () => {
  it('matches the closed form at p = 0.5, n = 100', () => {
    // center = (0.5 + 1.92/100) / 1.0384 = 0.5; half = 1.96/1.0384 · √(0.0025 + 0.000096) = 0.0962
    // (statsmodels proportion_confint(50, 100, method='wilson') gives 0.40383, 0.59617).
    const [lo, hi] = wilsonInterval(0.5, 100);
    expect(lo).toBeCloseTo(0.40383, 4);
    expect(hi).toBeCloseTo(0.59617, 4);
  });

  it('stays inside [0, 1] at p = 0', () => {
    // At p = 0: lo = 0, hi = z² / (n + z²) = 3.8415 / 23.8415 for n = 20.
    const [lo, hi] = wilsonInterval(0, 20);
    expect(lo).toBeCloseTo(0, 12);
    expect(hi).toBeCloseTo(3.841459 / 23.841459, 6);
  });

  it('names bad input with a typed error', () => {
    expect(() => wilsonInterval(0.5, 0)).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    for (const [p, n, z] of [
      [NaN, 10, 1.96],
      [1.5, 10, 1.96],
      [0.5, 2.5, 1.96],
      [0.5, -3, 1.96],
      [0.5, 10, 0],
      [0.5, 10, Infinity],
    ] as const)
      expect(() => wilsonInterval(p, n, z)).toThrow(
        expect.objectContaining({ name: 'MetricsError', code: 'INVALID_INPUT' }),
      );
  });
});
