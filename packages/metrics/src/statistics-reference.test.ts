import { describe, expect, it } from 'vitest';
import { expectedMaximum } from './expected-maximum';
import { fSurvival, logGamma, regularizedBeta } from './f-distribution';
import { leveneTest } from './levene-test';
import { EXPECTED_MAX, F_SF, LEVENE } from './statistics-reference.test-helper';

/** |got − want| ≤ 1e-10 · max(1, |want|): relative for small p-values, absolute near 1. */
const close = (got: number, want: number) =>
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(want)));

describe('leveneTest', () => {
  it.each(LEVENE)('$id matches scipy.stats.levene', (c) => {
    const r = leveneTest(c.samples, { center: c.center, proportionToCut: c.proportionToCut });
    close(r.statistic, c.statistic);
    expect(Math.abs(r.pValue - c.pvalue)).toBeLessThanOrEqual(1e-10 * Math.max(c.pvalue, 1e-3));
  });

  it('reports the degrees of freedom and defaults to the median', () => {
    const samples = LEVENE[0].samples;
    const r = leveneTest(samples);
    expect(r.df).toEqual([2, 28]);
    expect(r.statistic).toBe(leveneTest(samples, { center: 'median' }).statistic);
    // scipy: levene(*samples) → statistic 1.640307521722111, pvalue 0.2120110359028999.
    close(r.statistic, 1.640307521722111);
    close(r.pValue, 0.2120110359028999);
  });

  it('throws on bad input and options', () => {
    const code = (c: string): Error => expect.objectContaining({ code: c }) as Error;
    expect(() => leveneTest([[1, 2, 3]])).toThrow(code('INVALID_INPUT'));
    expect(() => leveneTest([[1, 2], []])).toThrow(code('INVALID_INPUT'));
    expect(() =>
      leveneTest([
        [1, Number.NaN],
        [1, 2],
      ]),
    ).toThrow(code('INVALID_INPUT'));
    expect(() => leveneTest([[1], [2]])).toThrow(/no degrees of freedom/);
    expect(() =>
      leveneTest([
        [1, 1],
        [2, 2],
      ]),
    ).toThrow(/no group has any spread/);
    expect(() =>
      leveneTest(
        [
          [1, 2],
          [3, 5],
        ],
        { center: 'mode' as 'mean' },
      ),
    ).toThrow(code('INVALID_OPTION'));
    expect(() =>
      leveneTest(
        [
          [1, 2],
          [3, 5],
        ],
        { proportionToCut: 0.5 },
      ),
    ).toThrow(code('INVALID_OPTION'));
  });
});

describe('fSurvival', () => {
  it.each(F_SF)('sf($x; $dfn, $dfd) matches scipy.stats.f.sf', ({ x, dfn, dfd, sf }) => {
    expect(Math.abs(fSurvival(x, dfn, dfd) - sf)).toBeLessThanOrEqual(1e-11 * Math.max(sf, 1e-3));
  });
  it('handles the edges and agrees with closed forms', () => {
    expect([fSurvival(0, 2, 3), fSurvival(-1, 2, 3), fSurvival(Infinity, 2, 3)]).toEqual([1, 1, 0]);
    // F(2, 2): sf(x) = 1 / (1 + x).
    for (const x of [0.1, 1, 7.5]) close(fSurvival(x, 2, 2), 1 / (1 + x));
    close(logGamma(5), Math.log(24));
    close(logGamma(0.5), 0.5 * Math.log(Math.PI));
    close(regularizedBeta(0.3, 1, 1), 0.3);
  });
});

describe('expectedMaximum', () => {
  it.each(EXPECTED_MAX)('$id matches the Dodge et al. (2019) formula', (c) => {
    const got = expectedMaximum(c.values, { budgets: c.budgets });
    got.forEach((e, i) => {
      expect(e.n).toBe(c.budgets[i]);
      close(e.mean, c.mean[i]!);
      close(e.variance, c.variance[i]!);
      close(e.std, Math.sqrt(c.variance[i]!));
    });
  });

  it('n = 1 is the mean; it rises with n towards the maximum; default budgets 1…N', () => {
    const v = [0.81, 0.79, 0.9, 0.85, 0.52];
    const curve = expectedMaximum(v);
    expect(curve.map((e) => e.n)).toEqual([1, 2, 3, 4, 5]);
    close(curve[0]!.mean, 0.774);
    close(curve[1]!.mean, 0.8396);
    for (let i = 1; i < curve.length; i++)
      expect(curve[i]!.mean).toBeGreaterThan(curve[i - 1]!.mean);
    expect(expectedMaximum(v, { budgets: [10000] })[0]!.mean).toBeCloseTo(0.9, 12);
  });

  it('matches a seeded simulation of n draws with replacement', () => {
    const v = [3, 1, 4, 1, 5, 9, 2, 6];
    let s = 12345;
    const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const trials = 40000;
    let sum = 0;
    for (let t = 0; t < trials; t++) {
      let m = -Infinity;
      for (let j = 0; j < 3; j++) m = Math.max(m, v[Math.floor(rand() * v.length)]!);
      sum += m;
    }
    const [e] = expectedMaximum(v, { budgets: [3] });
    expect(Math.abs(sum / trials - e!.mean)).toBeLessThan(4 * (e!.std / Math.sqrt(trials)));
  });

  it('throws on empty scores, non-finite scores and bad budgets', () => {
    expect(() => expectedMaximum([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => expectedMaximum([1, Infinity])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => expectedMaximum([1, 2], { budgets: [0] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
