import { numpyDivide } from './balanced-accuracy-score';
import { confusionMatrixInternal } from './confusion-matrix';
import { MetricsError } from './errors';
import { pairwiseSum } from './numpy-sum';
import type { Label, WarningOptions } from './types';
import { createWarner } from './warnings';
import { quoteValue } from './input-checks';

export interface CohenKappaOptions extends WarningOptions {
  /** The categories, in order (the order matters for linear and quadratic weights). @defaultValue every label present, sorted */
  labels?: readonly Label[] | null;
  /** Disagreement weights: none (0/1), `'linear'` |i − j| or `'quadratic'` (i − j)². @defaultValue null */
  weights?: 'linear' | 'quadratic' | null;
  /** One weight per sample. @defaultValue every sample weighs 1 */
  sampleWeight?: readonly number[];
}

/**
 * Cohen's kappa, agreement between two annotators beyond chance: κ = 1 − Σw·O / Σw·E. Matches
 * scikit-learn 1.2.1's `cohen_kappa_score`, except where that returns NaN with a RuntimeWarning (0/0): we throw.
 * @throws {MetricsError} `EMPTY_INPUT` when y1 is empty; `UNDEFINED_RESULT` when kappa is 0/0 (one category
 *   only, so every rating agrees by chance, or sampleWeight sums to zero); `LENGTH_MISMATCH` when y1, y2 or sampleWeight differ in length; `INVALID_OPTION` for
 *   unknown `weights` or bad `labels`; `INVALID_INPUT` for non-integer numbers or mixed label types.
 * @example cohenKappaScore(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']) // 0.5
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.cohen_kappa_score.html
 */
export function cohenKappaScore(
  y1: readonly Label[],
  y2: readonly Label[],
  options: CohenKappaOptions = {},
): number {
  const fn = 'cohenKappaScore';
  const warn = createWarner(options.onWarning);
  const { cm, labels } = confusionMatrixInternal(
    fn,
    y1,
    y2,
    { labels: options.labels, sampleWeight: options.sampleWeight },
    ['y1', 'y2'],
  );
  const { weights = null } = options;
  if (weights !== null && weights !== 'linear' && weights !== 'quadratic') {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: weights is ${quoteValue(weights)}; use null, 'linear' or 'quadratic'`,
    );
  }
  const k = labels.length;
  const sum0 = new Float64Array(k); // column sums (axis 0)
  const sum1 = new Float64Array(k); // row sums (axis 1)
  for (let i = 0; i < k; i++) {
    sum1[i] = pairwiseSum(cm, i * k, i * k + k);
    for (let j = 0; j < k; j++) sum0[j] = (sum0[j] as number) + (cm[i * k + j] as number);
  }
  const total = pairwiseSum(sum0);
  if (y1.length === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${fn}: y1 and y2 are empty; kappa needs at least one pair of ratings`,
    );
  }
  // scikit-learn divides by zero here and returns nan with a RuntimeWarning; we say why instead.
  if (total === 0) {
    throw new MetricsError(
      'UNDEFINED_RESULT',
      `${fn}: sampleWeight sums to zero, so there are no ratings to compare`,
    );
  }
  const wObs = new Float64Array(k * k);
  const wExp = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const d = Math.abs(i - j);
      const w = weights === null ? (d === 0 ? 0 : 1) : weights === 'linear' ? d : d * d;
      wObs[i * k + j] = w * (cm[i * k + j] as number);
      // expected = outer(sum0, sum1) / total
      wExp[i * k + j] = w * (((sum0[i] as number) * (sum1[j] as number)) / total);
    }
  }
  const expected = pairwiseSum(wExp);
  // κ = 1 − Σw·O / Σw·E is 0/0 when chance disagreement is zero: one category only (every rating the same).
  if (expected === 0) {
    throw new MetricsError(
      'UNDEFINED_RESULT',
      `${fn}: kappa is 0/0 because the expected disagreement is zero (every rating is in one category); ` +
        'scikit-learn returns nan here',
    );
  }
  return 1 - numpyDivide(pairwiseSum(wObs), expected, warn);
}
