import { prfs, type PrecisionRecallFscoreOptions } from './precision-recall-fscore-support';
import type { Label } from './types';

/**
 * Precision tp / (tp + fp), per label or averaged. Matches scikit-learn 1.2.1's `precision_score` (default `average: 'binary'`, `posLabel: 1`).
 * @throws {MetricsError} `LENGTH_MISMATCH` when yTrue, yPred or sampleWeight differ in length; `INVALID_OPTION` for an
 *   unknown `average`, a bad `zeroDivision`, `average: 'binary'` on multiclass data or a `posLabel` that is not
 *   a label; `INVALID_INPUT` for non-integer numbers or numbers in one argument with strings in the other.
 * @example precisionScore([0, 1, 1, 0], [1, 1, 1, 0]) // 0.6666666666666666
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.precision_score.html
 */
export function precisionScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrecisionRecallFscoreOptions & { average: null },
): number[];
export function precisionScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options?: PrecisionRecallFscoreOptions,
): number;
export function precisionScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrecisionRecallFscoreOptions = {},
): number | number[] {
  return prfs('precisionScore', yTrue, yPred, options, 'binary', ['precision']).precision;
}
