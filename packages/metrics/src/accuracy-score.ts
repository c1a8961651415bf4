import { MetricsError } from './errors';
import type { Label } from './types';

export interface AccuracyOptions {
  /** Return the fraction of correct predictions (true) or their count (false). @defaultValue true */
  normalize?: boolean;
  /** One weight per sample. @defaultValue every sample weighs 1 */
  sampleWeight?: readonly number[];
}

/**
 * Accuracy: the (weighted) fraction of predictions equal to the true label. Matches scikit-learn's
 * `accuracy_score` for 1-D labels.
 * @throws {MetricsError} `LENGTH_MISMATCH` when `yTrue`, `yPred` (or `sampleWeight`) differ in length.
 * @example accuracyScore([0, 1, 2, 3], [0, 2, 1, 3]) // 0.5
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.metrics.accuracy_score.html
 */
export function accuracyScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: AccuracyOptions = {},
): number {
  const { normalize = true, sampleWeight } = options;
  if (yTrue.length !== yPred.length) {
    throw new MetricsError(
      'LENGTH_MISMATCH',
      `accuracyScore: yTrue has ${yTrue.length} labels but yPred has ${yPred.length}; pass one prediction per label`,
    );
  }
  if (sampleWeight && sampleWeight.length !== yTrue.length) {
    throw new MetricsError(
      'LENGTH_MISMATCH',
      `accuracyScore: sampleWeight has ${sampleWeight.length} weights for ${yTrue.length} samples`,
    );
  }
  let correct = 0;
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const w = sampleWeight ? (sampleWeight[i] as number) : 1;
    if (yTrue[i] === yPred[i]) correct += w;
    total += w;
  }
  // scikit-learn divides by the weight sum, so an empty input gives NaN (0/0) when normalised.
  return normalize ? correct / total : correct;
}
