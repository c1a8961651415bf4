import { MetricsError } from './errors';
import { regularizedBeta } from './f-distribution';
import { checkOptionsObject } from './input-checks';
import { isArray } from './labels';
import { pairwiseSum } from './numpy-sum';

/** Options of {@link pairedTTest}. */
export interface PairedTTestOptions {
  /**
   * The alternative hypothesis about the mean of `a − b`: not zero, above zero, below zero.
   * @defaultValue 'two-sided'
   */
  alternative?: 'two-sided' | 'greater' | 'less';
}

/** What {@link pairedTTest} returns. */
export interface PairedTTestResult {
  /** t = mean(d) / (sd(d) / √n) with d = a − b; ±Infinity when every difference is the same non-zero value. */
  statistic: number;
  pValue: number;
  /** n − 1. */
  df: number;
  /** mean(a − b). */
  meanDifference: number;
}

/** P(T > t) for Student's t with `df` degrees of freedom (scipy.stats.t.sf), through the incomplete beta. */
function tSurvival(t: number, df: number): number {
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  const x = df / (df + t * t);
  const tail = regularizedBeta(x, df / 2, 0.5, (t * t) / (df + t * t)) / 2;
  return t >= 0 ? tail : 1 - tail;
}

/**
 * The paired t-test of `scipy.stats.ttest_rel(a, b, alternative=…)`: are the paired values (one seed's score
 * under two conditions, say) different on average? Use it when the same seeds run both conditions.
 * @throws {MetricsError} `LENGTH_MISMATCH` when the arrays differ in length; `INVALID_INPUT` for fewer than two
 *   pairs or a non-finite value; `UNDEFINED_RESULT` when every difference is 0 (t is 0/0; scipy returns NaN);
 *   `INVALID_OPTION` for an unknown alternative.
 * @example pairedTTest([0.91, 0.88, 0.93], [0.52, 0.55, 0.50], { alternative: 'greater' }).pValue
 * @see https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.ttest_rel.html
 */
export function pairedTTest(
  a: readonly number[],
  b: readonly number[],
  options: PairedTTestOptions = {},
): PairedTTestResult {
  const fn = 'pairedTTest';
  checkOptionsObject(fn, options);
  const alternative = options.alternative ?? 'two-sided';
  if (alternative !== 'two-sided' && alternative !== 'greater' && alternative !== 'less')
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: alternative is ${JSON.stringify(alternative)}; use 'two-sided', 'greater' or 'less'`,
    );
  if (!isArray(a) || !isArray(b))
    throw new MetricsError('INVALID_INPUT', `${fn}: a and b must be arrays of numbers`);
  if (a.length !== b.length)
    throw new MetricsError(
      'LENGTH_MISMATCH',
      `${fn}: a has ${a.length} values and b ${b.length}; the test pairs them one to one`,
    );
  if (a.length < 2) throw new MetricsError('INVALID_INPUT', `${fn}: pass at least two pairs`);
  const d = a.map((x, i) => {
    const y = b[i];
    for (const [name, v] of [
      ['a', x],
      ['b', y],
    ] as const)
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new MetricsError(
          'INVALID_INPUT',
          `${fn}: ${name}[${i}] is ${String(v)}; values must be finite numbers`,
        );
    return x - y!;
  });
  const n = d.length;
  const meanDifference = pairwiseSum(d) / n;
  const variance = pairwiseSum(d.map((v) => (v - meanDifference) ** 2)) / (n - 1);
  if (variance === 0 && meanDifference === 0)
    throw new MetricsError(
      'UNDEFINED_RESULT',
      `${fn}: every difference is 0, so t is 0/0 (scipy returns NaN)`,
    );
  const statistic =
    variance === 0
      ? Math.sign(meanDifference) * Infinity
      : meanDifference / Math.sqrt(variance / n);
  const df = n - 1;
  const pValue =
    alternative === 'greater'
      ? tSurvival(statistic, df)
      : alternative === 'less'
        ? tSurvival(-statistic, df)
        : Math.min(1, 2 * tSurvival(Math.abs(statistic), df));
  return { statistic, pValue, df, meanDifference };
}
