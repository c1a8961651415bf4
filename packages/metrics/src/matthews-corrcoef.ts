import { confusionMatrixInternal } from './confusion-matrix';
import { dot, pairwiseSum } from './numpy-sum';
import type { Label } from './types';

export interface MatthewsCorrcoefOptions {
  /** One weight per sample. @defaultValue every sample weighs 1 */
  sampleWeight?: readonly number[];
}

/**
 * Matthews correlation coefficient (multiclass R_K of Gorodkin 2004), in [−1, 1]; 0 when either marginal
 * is constant. Matches scikit-learn 1.2.1's `matthews_corrcoef`.
 * @throws {MetricsError} `LENGTH_MISMATCH` when yTrue, yPred or sampleWeight differ in length; `INVALID_INPUT`
 *   for non-integer numbers or numbers in one argument with strings in the other.
 * @example matthewsCorrcoef([1, 1, 1, 0], [1, 0, 1, 1]) // -0.3333333333333333
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.matthews_corrcoef.html
 */
export function matthewsCorrcoef(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: MatthewsCorrcoefOptions = {},
): number {
  const { cm, labels } = confusionMatrixInternal('matthewsCorrcoef', yTrue, yPred, {
    sampleWeight: options.sampleWeight,
  });
  const k = labels.length;
  const tSum = new Float64Array(k);
  const pSum = new Float64Array(k);
  let nCorrect = 0;
  for (let i = 0; i < k; i++) {
    tSum[i] = pairwiseSum(cm, i * k, i * k + k);
    nCorrect += cm[i * k + i] as number;
    for (let j = 0; j < k; j++) pSum[j] = (pSum[j] as number) + (cm[i * k + j] as number);
  }
  const nSamples = pairwiseSum(pSum);
  // cov(yt, yp) = c·s − t·p ; cov(yp, yp) = s² − p·p ; cov(yt, yt) = s² − t·t
  const covYtYp = nCorrect * nSamples - dot(tSum, pSum);
  const covYpYp = nSamples ** 2 - dot(pSum, pSum);
  const covYtYt = nSamples ** 2 - dot(tSum, tSum);
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}
