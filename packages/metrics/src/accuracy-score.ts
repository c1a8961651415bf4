import { MetricsError } from './errors';
import { checkSampleWeight, encodeLabels } from './labels';
import { dot, pairwiseSum } from './numpy-sum';
import type { Label, WarningOptions } from './types';

export interface AccuracyOptions extends WarningOptions {
  /** Return the fraction of correct predictions (true) or their count (false). @defaultValue true */
  normalize?: boolean;
  /** One weight per sample. @defaultValue every sample weighs 1 */
  sampleWeight?: readonly number[];
}

/** Correct (weighted) count, total weight and sample count: the shared body of accuracy and error rate. */
export function accuracyParts(
  fn: string,
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: AccuracyOptions,
): { score: number; n: number; weightSum: number } {
  const { normalize = true } = options;
  if (typeof normalize !== 'boolean') {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: normalize is ${String(normalize)}; use true or false`,
    );
  }
  const enc = encodeLabels(fn, yTrue, yPred);
  const weights = checkSampleWeight(fn, options.sampleWeight, yTrue.length);
  const n = enc.yTrue.length;
  // scikit-learn returns nan with numpy's "Mean of empty slice" warning; a count of nothing is still 0.
  if (n === 0 && normalize) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${fn}: yTrue and yPred are empty, so the fraction is 0/0; pass at least one sample (or normalize: false for a count)`,
    );
  }
  const hits = new Float64Array(n);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    if (enc.yTrue[i] === enc.yPred[i]) {
      hits[i] = 1;
      correct++;
    }
  }
  const weightSum = weights ? pairwiseSum(weights) : n;
  if (!normalize) return { score: weights ? dot(hits, weights) : correct, n, weightSum };
  if (weights) {
    // numpy.average: sum(score · w) / sum(w), and a zero weight sum raises ZeroDivisionError.
    if (weightSum === 0) {
      throw new MetricsError(
        'INVALID_OPTION',
        `${fn}: sampleWeight sums to zero, so the weighted average is undefined (scikit-learn: "Weights sum to zero, can't be normalized")`,
      );
    }
    const prod = new Float64Array(n);
    for (let i = 0; i < n; i++) prod[i] = (hits[i] as number) * (weights[i] as number);
    return { score: pairwiseSum(prod) / weightSum, n, weightSum };
  }
  return { score: correct / n, n, weightSum };
}

/**
 * Accuracy: the (weighted) fraction of predictions equal to the true label. Matches scikit-learn's
 * `accuracy_score` for 1-D labels, except on empty input: scikit-learn returns NaN with numpy's RuntimeWarnings.
 * @throws {MetricsError} `EMPTY_INPUT` when `yTrue` is empty (unless `normalize: false`, which counts 0);
 *   `LENGTH_MISMATCH` when `yTrue`, `yPred` (or `sampleWeight`) differ in length;
 *   `INVALID_OPTION` when `sampleWeight` sums to zero; `INVALID_INPUT` for non-integer numbers, or numbers
 *   in one argument with strings in the other.
 * @example accuracyScore([0, 1, 2, 3], [0, 2, 1, 3]) // 0.5
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.accuracy_score.html
 */
export function accuracyScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: AccuracyOptions = {},
): number {
  return accuracyParts('accuracyScore', yTrue, yPred, options).score;
}
