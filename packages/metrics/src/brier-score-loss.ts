import { binaryTarget } from './binary-target';
import { checkLengths, checkSampleWeight } from './labels';
import { checkOptionKeys } from './option-keys';
import { checkProbabilityVector } from './probability-checks';
import type { Label } from './types';
import { numpyAverage } from './weighted-average';

export interface BrierScoreLossOptions {
  /**
   * The class whose probability `yProb` holds.
   * @defaultValue 1 when yTrue is within {0, 1} or {-1, 1}, else the greatest number; required for strings
   */
  posLabel?: Label;
  /** One weight per sample. @defaultValue every sample weighs 1 */
  sampleWeight?: readonly number[];
}

/**
 * Brier score: the (weighted) mean squared difference between the positive-class probability and the
 * outcome (1 for the positive class, else 0); lower is better. Matches scikit-learn 1.2's `brier_score_loss`.
 * @throws {MetricsError} `INVALID_INPUT` when yTrue has more than two labels, string labels without
 *   `posLabel`, or `yProb` holds a value outside [0, 1] or NaN; `LENGTH_MISMATCH` when yTrue, yProb or
 *   sampleWeight differ in length; `EMPTY_INPUT` for no samples; `INVALID_OPTION` when sampleWeight sums
 *   to zero or posLabel is not of yTrue's kind.
 * @example brierScoreLoss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) // 0.03749999999999999
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.brier_score_loss.html
 */
export function brierScoreLoss(
  yTrue: readonly Label[],
  yProb: readonly number[],
  options: BrierScoreLossOptions = {},
): number {
  const fn = 'brierScoreLoss';
  checkOptionKeys(fn, options, ['posLabel', 'sampleWeight']);
  checkProbabilityVector(fn, 'yProb', yProb);
  const positive = binaryTarget(fn, yTrue, options.posLabel, 'greatest');
  checkLengths(fn, ['yTrue', 'yProb'], [yTrue, yProb]);
  const weights = checkSampleWeight(fn, options.sampleWeight, yTrue.length);
  const squared = new Float64Array(positive.length);
  for (let i = 0; i < squared.length; i++) {
    const d = (positive[i] as number) - (yProb[i] as number);
    squared[i] = d * d;
  }
  return numpyAverage(fn, squared, weights);
}
