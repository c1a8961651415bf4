import { binaryTarget } from './binary-target';
import { checkNBins, countEdgesBelow, linspaceEdges, percentileEdges } from './bin-edges';
import { MetricsError } from './errors';
import { describeType } from './input-checks';
import { checkLengths } from './labels';
import { checkOptionKeys } from './option-keys';
import { checkProbabilityVector } from './probability-checks';
import type { Label } from './types';

/** How calibration bins are cut: equal widths on [0, 1], or equal counts by the quantiles of yProb. */
export type CalibrationStrategy = 'uniform' | 'quantile';

export interface CalibrationCurveOptions {
  /** How many bins to cut [0, 1] into; empty bins are left out of the result. @defaultValue 5 */
  nBins?: number;
  /** Equal-width bins, or bins holding about the same number of samples. @defaultValue 'uniform' */
  strategy?: CalibrationStrategy;
  /**
   * The class whose probability `yProb` holds.
   * @defaultValue 1 when yTrue is within {0, 1} or {-1, 1}; required otherwise
   */
  posLabel?: Label;
}

/** One point per non-empty bin, in the order of the bins. */
export interface CalibrationCurve {
  /** The fraction of positives in each bin. */
  probTrue: number[];
  /** The mean predicted probability in each bin. */
  probPred: number[];
}

/**
 * The points of a calibration curve (reliability diagram) of a binary classifier: per bin of predicted
 * probability, the fraction of positives against the mean prediction. Matches scikit-learn 1.2.1's
 * `calibration_curve`, bin edges included: numpy's `linspace` or `percentile` edges, and a probability
 * on an edge joins the lower bin (`searchsorted` left), so bins are (e_i, e_{i+1}] with 0 in the first.
 * @throws {MetricsError} `INVALID_INPUT` when yProb holds a value outside [0, 1] or NaN, yTrue has more
 *   than two labels, or labels other than {0, 1} / {-1, 1} come without `posLabel`; `LENGTH_MISMATCH` when
 *   yTrue and yProb differ in length; `EMPTY_INPUT` for no samples; `INVALID_OPTION` for nBins < 1 or an
 *   unknown strategy.
 * @example calibrationCurve([0, 0, 1, 1, 1], [0.1, 0.4, 0.35, 0.8, 0.9], { nBins: 2 }) // { probTrue: [0.3333333333333333, 1], probPred: [0.2833333333333333, 0.8500000000000001] }
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.calibration.calibration_curve.html
 */
export function calibrationCurve(
  yTrue: readonly Label[],
  yProb: readonly number[],
  options: CalibrationCurveOptions = {},
): CalibrationCurve {
  const fn = 'calibrationCurve';
  checkOptionKeys(fn, options, ['nBins', 'strategy', 'posLabel']);
  const nBins = checkNBins(fn, options.nBins ?? 5);
  const strategy: unknown = options.strategy ?? 'uniform';
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: strategy is ${typeof strategy === 'string' ? `'${strategy}'` : describeType(strategy)}; use 'uniform' or 'quantile'`,
    );
  }
  checkProbabilityVector(fn, 'yProb', yProb);
  const positive = binaryTarget(fn, yTrue, options.posLabel, 'throw');
  checkLengths(fn, ['yTrue', 'yProb'], [yTrue, yProb]);
  const n = positive.length;
  const edges =
    strategy === 'uniform'
      ? linspaceEdges(nBins)
      : percentileEdges(Float64Array.from(yProb).sort(), nBins);
  // numpy's bincount adds in sample order; so do we.
  const total = new Float64Array(nBins);
  const sumPred = new Float64Array(nBins);
  const sumTrue = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    const p = yProb[i] as number;
    const bin = countEdgesBelow(edges, p, 1, nBins);
    total[bin] = (total[bin] as number) + 1;
    sumPred[bin] = (sumPred[bin] as number) + p;
    sumTrue[bin] = (sumTrue[bin] as number) + (positive[i] as number);
  }
  const probTrue: number[] = [];
  const probPred: number[] = [];
  for (let b = 0; b < nBins; b++) {
    const count = total[b] as number;
    if (count === 0) continue;
    probTrue.push((sumTrue[b] as number) / count);
    probPred.push((sumPred[b] as number) / count);
  }
  return { probTrue, probPred };
}
