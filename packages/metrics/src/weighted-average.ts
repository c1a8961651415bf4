import { MetricsError } from './errors';
import { dot, pairwiseSum } from './numpy-sum';

/**
 * numpy's `average(values, weights)`: `sum(values · w) / sum(w)`, both sums pairwise as numpy's, or the
 * plain mean without weights. numpy raises ZeroDivisionError when the weights sum to zero.
 * @throws {MetricsError} `INVALID_OPTION` when `weights` sums to zero; `EMPTY_INPUT` for no values.
 * @internal
 */
export function numpyAverage(
  fn: string,
  values: Float64Array,
  weights: readonly number[] | undefined,
): number {
  const n = values.length;
  if (n === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${fn}: no samples, so the mean is 0/0; pass at least one`,
    );
  }
  if (!weights) return pairwiseSum(values) / n;
  const weightSum = pairwiseSum(weights);
  if (weightSum === 0) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: sampleWeight sums to zero, so the weighted average is undefined (scikit-learn: "Weights sum to zero, can't be normalized")`,
    );
  }
  const product = new Float64Array(n);
  for (let i = 0; i < n; i++) product[i] = (values[i] as number) * (weights[i] as number);
  return pairwiseSum(product) / weightSum;
}

/**
 * scikit-learn's `_weighted_sum`: the (weighted) mean when `normalize`, else `dot(values, w)` or the sum.
 * @internal
 */
export function weightedSum(
  fn: string,
  values: Float64Array,
  weights: readonly number[] | undefined,
  normalize: boolean,
): number {
  if (normalize) return numpyAverage(fn, values, weights);
  return weights ? dot(values, weights) : pairwiseSum(values);
}
