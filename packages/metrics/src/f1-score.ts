import { prfs, type PrecisionRecallFscoreOptions } from './precision-recall-fscore-support';
import type { Label } from './types';

/**
 * F1 score, the harmonic mean of precision and recall. Matches scikit-learn 1.2.1's `f1_score` (default `average: 'binary'`).
 * @throws {MetricsError} `LENGTH_MISMATCH` when yTrue, yPred or sampleWeight differ in length; `INVALID_OPTION` for an
 *   unknown `average`, a bad `zeroDivision`, `average: 'binary'` on multiclass data or a `posLabel` that is not
 *   a label; `INVALID_INPUT` for non-integer numbers or numbers in one argument with strings in the other.
 * @example f1Score([1, 0, 1], [1, 1, 1]) // 0.8
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.f1_score.html
 */
export function f1Score(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrecisionRecallFscoreOptions & { average: null },
): number[];
export function f1Score(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options?: PrecisionRecallFscoreOptions,
): number;
export function f1Score(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: PrecisionRecallFscoreOptions = {},
): number | number[] {
  return prfs('f1Score', yTrue, yPred, { ...options, beta: 1 }, 'binary', ['f-score']).fscore;
}
