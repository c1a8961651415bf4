import { checkNBins, countEdgesBelow } from './bin-edges';
import { MetricsError } from './errors';
import { describeType } from './input-checks';
import { checkLengths, isArray } from './labels';
import { pairwiseSum } from './numpy-sum';
import { checkOptionKeys } from './option-keys';
import { checkProbabilityMatrix } from './probability-checks';
import type { Label } from './types';

/**
 * How far a row of probabilities may sum from 1. Loose enough for float32 softmax outputs over many
 * classes, tight enough to catch logits or unnormalised scores passed by mistake.
 */
export const ROW_SUM_TOLERANCE = 1e-4;

export interface CalibrationErrorOptions {
  /** How many equal-width bins (i/M, (i+1)/M] cut the confidence axis. @defaultValue 15 */
  nBins?: number;
  /** The class of each column of `probs`. @defaultValue the column indices 0, 1, …, K − 1 */
  labels?: readonly Label[];
}

/** One confidence bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Lower edge, excluded (except 0 for the first bin). */
  lower: number;
  /** Upper edge, included. */
  upper: number;
  /** How many samples have their top-label confidence in the bin. */
  count: number;
  /** The fraction of those whose top label is right; `null` for an empty bin. */
  accuracy: number | null;
  /** Their mean top-label confidence; `null` for an empty bin. */
  confidence: number | null;
}

/** Top-label calibration of a classifier: the bins of its reliability diagram and the errors they give. */
export interface ReliabilityDiagram {
  bins: ReliabilityBin[];
  /** How many samples were binned. */
  count: number;
  /** Σ_m |B_m|/n · |acc(B_m) − conf(B_m)| over the bins (Guo et al. 2017, eq. 3). */
  expectedCalibrationError: number;
  /** The largest |acc(B_m) − conf(B_m)| over the non-empty bins (Guo et al. 2017, eq. 5). */
  maxCalibrationError: number;
}

/** Column index of each label: the given `labels`, or the column numbers themselves. */
function columnOf(
  fn: string,
  labels: readonly Label[] | undefined,
  width: number,
): Map<Label, number> {
  const column = new Map<Label, number>();
  if (labels === undefined) {
    for (let j = 0; j < width; j++) column.set(j, j);
    return column;
  }
  if (!isArray(labels) || labels.length !== width) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: labels must list one class per column of probs (${width}), got ${isArray(labels) ? `${labels.length} labels` : describeType(labels)}`,
    );
  }
  labels.forEach((label, j) => column.set(label, j));
  if (column.size !== width) {
    throw new MetricsError('INVALID_OPTION', `${fn}: labels must be unique`);
  }
  return column;
}

/**
 * The reliability diagram of a classifier's top label (Guo et al. 2017, "On Calibration of Modern Neural
 * Networks", section 2): each sample's confidence is its highest probability and its prediction that
 * column (the first on ties, as numpy's argmax); M equal-width bins (i/M, (i+1)/M] hold the confidences,
 * and each bin compares their mean with the fraction of right predictions.
 * @throws {MetricsError} `INVALID_INPUT` when probs holds a value outside [0, 1] or NaN, rows differ in
 *   width or do not sum to 1 (within {@link ROW_SUM_TOLERANCE}); `UNKNOWN_LABEL` when yTrue holds a label
 *   that is no column; `LENGTH_MISMATCH` when yTrue and probs differ in length; `EMPTY_INPUT` for no
 *   samples; `INVALID_OPTION` for nBins < 1 or labels that do not match the columns one to one.
 * @example reliabilityDiagram([0, 1, 1], [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]], { nBins: 2 }).expectedCalibrationError // 0.10000000000000009
 * @see https://arxiv.org/abs/1706.04599
 */
export function reliabilityDiagram(
  yTrue: readonly Label[],
  probs: readonly (readonly number[])[],
  options: CalibrationErrorOptions = {},
): ReliabilityDiagram {
  return binTopLabel('reliabilityDiagram', yTrue, probs, options);
}

/**
 * The body of {@link reliabilityDiagram}, with the caller's name for error messages.
 * @internal
 */
export function binTopLabel(
  fn: string,
  yTrue: readonly Label[],
  probs: readonly (readonly number[])[],
  options: CalibrationErrorOptions,
): ReliabilityDiagram {
  checkOptionKeys(fn, options, ['nBins', 'labels']);
  const nBins = checkNBins(fn, options.nBins ?? 15);
  if (!isArray(yTrue) || !isArray(probs)) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: yTrue must be an array of labels and probs an array of probability rows`,
    );
  }
  checkLengths(fn, ['yTrue', 'probs'], [yTrue, probs]);
  const n = yTrue.length;
  if (n === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${fn}: yTrue and probs are empty; pass at least one sample`,
    );
  }
  const width = checkProbabilityMatrix(fn, 'probs', probs);
  const column = columnOf(fn, options.labels, width);
  // Edges i/M by division (Guo et al.'s definition), not numpy linspace's i·(1/M).
  const edges = new Float64Array(nBins + 1);
  for (let i = 0; i <= nBins; i++) edges[i] = i / nBins;
  const counts = new Float64Array(nBins);
  const sumConfidence = new Float64Array(nBins);
  const sumCorrect = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    const row = probs[i] as readonly number[];
    const target = column.get(yTrue[i] as Label);
    if (target === undefined) {
      throw new MetricsError(
        'UNKNOWN_LABEL',
        `${fn}: yTrue[${i}] is ${String(yTrue[i])}, which names no column of probs; pass labels for the columns`,
      );
    }
    const rowSum = pairwiseSum(row);
    if (!(Math.abs(rowSum - 1) <= ROW_SUM_TOLERANCE)) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: probs[${i}] sums to ${rowSum}, not 1; pass probabilities (softmax of the logits)`,
      );
    }
    let top = 0;
    for (let j = 1; j < width; j++) if ((row[j] as number) > (row[top] as number)) top = j;
    const confidence = row[top] as number;
    const bin = countEdgesBelow(edges, confidence, 1, nBins);
    counts[bin] = (counts[bin] as number) + 1;
    sumConfidence[bin] = (sumConfidence[bin] as number) + confidence;
    sumCorrect[bin] = (sumCorrect[bin] as number) + (top === target ? 1 : 0);
  }
  const bins: ReliabilityBin[] = [];
  const weightedGaps: number[] = [];
  let maxGap = 0;
  for (let b = 0; b < nBins; b++) {
    const count = counts[b] as number;
    const accuracy = count > 0 ? (sumCorrect[b] as number) / count : null;
    const confidence = count > 0 ? (sumConfidence[b] as number) / count : null;
    bins.push({
      lower: edges[b] as number,
      upper: edges[b + 1] as number,
      count,
      accuracy,
      confidence,
    });
    if (accuracy === null || confidence === null) continue;
    const gap = Math.abs(accuracy - confidence);
    weightedGaps.push((count / n) * gap);
    if (gap > maxGap) maxGap = gap;
  }
  return {
    bins,
    count: n,
    expectedCalibrationError: pairwiseSum(weightedGaps),
    maxCalibrationError: maxGap,
  };
}
