import { accuracyParts, type AccuracyOptions } from './accuracy-score';
import type { Label } from './types';

/**
 * Error rate, the (weighted) fraction of wrong predictions: scikit-learn's `zero_one_loss`
 * (`1 - accuracy`, or the wrong count / weight with `normalize: false`).
 * @throws {MetricsError} as {@link accuracyScore}.
 * @example errorRate([0, 1, 2, 3], [0, 2, 1, 3]) // 0.5
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.zero_one_loss.html
 */
export function errorRate(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: AccuracyOptions = {},
): number {
  const { score, weightSum } = accuracyParts('errorRate', yTrue, yPred, options);
  return options.normalize === false ? weightSum - score : 1 - score;
}
