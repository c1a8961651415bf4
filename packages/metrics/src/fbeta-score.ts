import { prfs, type FbetaOptions } from './precision-recall-fscore-support';
import type { Label } from './types';

/**
 * F-beta score (1+β²)·P·R / (β²·P + R), recall weighted β times as much as precision. Matches scikit-learn 1.2.1's `fbeta_score`; `beta` defaults to 1 here (scikit-learn requires it).
 * @throws {MetricsError} `LENGTH_MISMATCH` when yTrue, yPred or sampleWeight differ in length; `INVALID_OPTION` for an
 *   unknown `average`, a bad `zeroDivision` or `beta`, `average: 'binary'` on multiclass data or a `posLabel` that is not
 *   a label; `INVALID_INPUT` for non-integer numbers or numbers in one argument with strings in the other.
 * @example fbetaScore([1, 0, 1], [1, 1, 1], { beta: 2 }) // 0.9090909090909091
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.fbeta_score.html
 */
export function fbetaScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: FbetaOptions & { average: null },
): number[];
export function fbetaScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options?: FbetaOptions,
): number;
export function fbetaScore(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: FbetaOptions = {},
): number | number[] {
  return prfs('fbetaScore', yTrue, yPred, options, 'binary', ['f-score']).fscore;
}
