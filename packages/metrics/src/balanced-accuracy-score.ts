import { confusionMatrixInternal } from './confusion-matrix';
import { MetricsError } from './errors';
import { pairwiseSum } from './numpy-sum';
import type { Label, WarningOptions } from './types';
import { createWarner, type Warn } from './warnings';

export interface BalancedAccuracyOptions extends WarningOptions {
  /** One weight per sample. @defaultValue every sample weighs 1 */
  sampleWeight?: readonly number[];
  /** Rescale so that chance scores 0 and perfect 1: (score − 1/k) / (1 − 1/k). @defaultValue false */
  adjusted?: boolean;
}

/** numpy float64 scalar division: x/0 warns and gives ±inf or NaN instead of raising. */
export function numpyDivide(num: number, den: number, warn: Warn): number {
  if (den === 0) {
    warn(
      'RuntimeWarning',
      num === 0 || Number.isNaN(num)
        ? 'invalid value encountered in scalar divide'
        : 'divide by zero encountered in scalar divide',
    );
  }
  return num / den;
}

/**
 * Balanced accuracy: the mean recall over the classes present in yTrue. Matches scikit-learn 1.2.1's
 * `balanced_accuracy_score`; classes only predicted are dropped with a UserWarning.
 * @throws {MetricsError} `LENGTH_MISMATCH` when yTrue, yPred or sampleWeight differ in length; `EMPTY_INPUT`
 *   when no sample of yTrue has positive weight (scikit-learn: NaN with RuntimeWarnings); `INVALID_INPUT` for non-integer numbers or mixed label types.
 * @example balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]) // 0.625
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.balanced_accuracy_score.html
 */
export function balancedAccuracyScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: BalancedAccuracyOptions = {},
): number {
  const fn = 'balancedAccuracyScore';
  const warn = createWarner(options.onWarning);
  const { cm, labels } = confusionMatrixInternal(fn, yTrue, yPred, {
    sampleWeight: options.sampleWeight,
  });
  const k = labels.length;
  const perClass: number[] = [];
  let dropped = false;
  for (let i = 0; i < k; i++) {
    const s = pairwiseSum(cm, i * k, i * k + k);
    if (s === 0) dropped = true;
    else perClass.push((cm[i * k + i] as number) / s);
  }
  // No class with a true sample (empty input, or every weight zero): scikit-learn's mean of nothing is NaN.
  if (perClass.length === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${fn}: yTrue has no samples of positive weight (got ${yTrue.length} samples), so no class has a recall; pass at least one`,
    );
  }
  if (dropped) warn('UserWarning', 'y_pred contains classes not in y_true');
  let score = pairwiseSum(perClass) / perClass.length;
  if (options.adjusted) {
    const chance = 1 / perClass.length;
    score -= chance;
    score = numpyDivide(score, 1 - chance, warn);
  }
  return score;
}
