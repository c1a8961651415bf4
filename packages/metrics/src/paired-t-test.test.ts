import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metricsError } from './metrics-error.test-helper';
import { pairedTTest } from './paired-t-test';

interface Case {
  id: string;
  a: number[];
  b: number[];
  alternative: 'two-sided' | 'greater' | 'less';
  statistic: number | 'inf';
  pvalue: number;
}
// scipy.stats.ttest_rel values from scripts/gen-paired-t-cases.py.
const { cases } = JSON.parse(
  readFileSync(new URL('../fixtures/paired-t-cases.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

describe('pairedTTest', () => {
  it.each(cases)('$id matches scipy.stats.ttest_rel', (c) => {
    const r = pairedTTest(c.a, c.b, { alternative: c.alternative });
    if (c.statistic === 'inf') expect(r.statistic).toBe(Infinity);
    else
      expect(Math.abs(r.statistic - c.statistic)).toBeLessThanOrEqual(
        1e-12 * Math.abs(c.statistic),
      );
    expect(Math.abs(r.pValue - c.pvalue)).toBeLessThanOrEqual(1e-12 + 1e-9 * c.pvalue);
    expect(r.df).toBe(c.a.length - 1);
  });

  it('the one-sided p-values of a case sum to 1 and the two-sided one is twice the smaller', () => {
    const a = [0.9, 0.85, 0.88, 0.91, 0.87];
    const b = [0.6, 0.7, 0.55, 0.8, 0.5];
    const g = pairedTTest(a, b, { alternative: 'greater' }).pValue;
    const l = pairedTTest(a, b, { alternative: 'less' }).pValue;
    expect(g + l).toBeCloseTo(1, 14);
    expect(pairedTTest(a, b).pValue).toBeCloseTo(2 * Math.min(g, l), 14);
  });

  it('refuses what it cannot test, naming the problem', () => {
    expect(() => pairedTTest([1, 2], [1])).toThrow(metricsError('LENGTH_MISMATCH'));
    expect(() => pairedTTest([1], [2])).toThrow(metricsError('INVALID_INPUT'));
    expect(() => pairedTTest([1, NaN], [2, 3])).toThrow(/a\[1\] is NaN/);
    expect(() => pairedTTest([1, 2], [1, 2])).toThrow(metricsError('UNDEFINED_RESULT'));
    expect(() => pairedTTest([1, 2], [0, 2], { alternative: 'bigger' as 'greater' })).toThrow(
      metricsError('INVALID_OPTION'),
    );
  });
});
