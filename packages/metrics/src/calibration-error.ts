import { binTopLabel, type CalibrationErrorOptions } from './reliability-diagram';
import type { Label } from './types';

/**
 * Expected calibration error (ECE) of the top label: the sample-weighted mean gap between accuracy and
 * confidence over equal-width bins (i/M, (i+1)/M], as defined by Guo et al. 2017 (eq. 3). Not in
 * scikit-learn 1.2; the reference vectors compute it from that definition in numpy.
 * @throws {MetricsError} the codes of `reliabilityDiagram`: `INVALID_INPUT`, `UNKNOWN_LABEL`,
 *   `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_OPTION`.
 * @example expectedCalibrationError([0, 1, 1], [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]], { nBins: 2 }) // 0.10000000000000009
 * @see https://arxiv.org/abs/1706.04599
 */
export function expectedCalibrationError(
  yTrue: readonly Label[],
  probs: readonly (readonly number[])[],
  options: CalibrationErrorOptions = {},
): number {
  return binTopLabel('expectedCalibrationError', yTrue, probs, options).expectedCalibrationError;
}

/**
 * Maximum calibration error (MCE) of the top label: the largest gap between accuracy and confidence over
 * the non-empty equal-width bins (i/M, (i+1)/M], as defined by Guo et al. 2017 (eq. 5).
 * @throws {MetricsError} the codes of `reliabilityDiagram`: `INVALID_INPUT`, `UNKNOWN_LABEL`,
 *   `LENGTH_MISMATCH`, `EMPTY_INPUT`, `INVALID_OPTION`.
 * @example maxCalibrationError([0, 1, 1], [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]], { nBins: 2 }) // 0.10000000000000009
 * @see https://arxiv.org/abs/1706.04599
 */
export function maxCalibrationError(
  yTrue: readonly Label[],
  probs: readonly (readonly number[])[],
  options: CalibrationErrorOptions = {},
): number {
  return binTopLabel('maxCalibrationError', yTrue, probs, options).maxCalibrationError;
}
