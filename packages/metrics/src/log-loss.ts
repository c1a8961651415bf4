import { MetricsError } from './errors';
import { describeType } from './input-checks';
import { checkLabels, checkLengths, checkSampleWeight, encodeChecked, isArray } from './labels';
import { pairwiseSum } from './numpy-sum';
import { checkOptionKeys } from './option-keys';
import { checkProbabilityMatrix, checkProbabilityVector } from './probability-checks';
import { pyNumberStr } from './python-format';
import type { Label } from './types';
import { weightedSum } from './weighted-average';

export interface LogLossOptions {
  /**
   * Every class, in any order; yPred's columns follow their sorted order. Needed when yTrue lacks a class.
   * @defaultValue the sorted labels of yTrue
   */
  labels?: readonly Label[] | null;
  /** One weight per sample. @defaultValue every sample weighs 1 */
  sampleWeight?: readonly number[];
  /** Return the (weighted) mean loss per sample (true) or the sum (false). @defaultValue true */
  normalize?: boolean;
  /**
   * Probabilities are clipped to [eps, 1 − eps] before the logarithm. `'auto'` is float64's machine
   * epsilon, 2⁻⁵², as scikit-learn 1.2's default for float64 input (before 1.2 the default was 1e-15).
   * @defaultValue 'auto'
   */
  eps?: number | 'auto';
}

function showClasses(classes: readonly Label[]): string {
  return `[${classes.map((c) => (typeof c === 'string' ? `'${c}'` : pyNumberStr(c))).join(' ')}]`;
}

/** The classes yPred's columns stand for: scikit-learn's `LabelBinarizer` fitted on labels or yTrue. */
function columnClasses(
  fn: string,
  yTrue: readonly Label[],
  labels: LogLossOptions['labels'],
): Label[] {
  if (labels == null) {
    const classes = encodeChecked(checkLabels(fn, yTrue, yTrue, ['yTrue', 'yTrue'])).classes;
    if (classes.length === 1) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: yTrue contains only one label (${String(classes[0])}); pass the true labels explicitly through the labels option`,
      );
    }
    return classes;
  }
  const classes = encodeChecked(checkLabels(fn, labels, labels, ['labels', 'labels'])).classes;
  if (classes.length < 2) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: the labels option needs at least two labels for logLoss, got ${showClasses(classes)}`,
    );
  }
  return classes;
}

function checkEps(fn: string, eps: unknown): number {
  if (eps === 'auto') return Number.EPSILON;
  // eps = 0 would let log(0) make the loss infinite, and eps ≥ 0.5 empties the clipping interval.
  if (typeof eps !== 'number' || !(eps > 0 && eps < 0.5)) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: eps is ${typeof eps === 'number' ? String(eps) : describeType(eps)}; use 'auto' or a number in (0, 0.5)`,
    );
  }
  return eps;
}

/** numpy's `clip(p, lo, hi)`: `minimum(maximum(p, lo), hi)`. */
function clip(p: number, lo: number, hi: number): number {
  return Math.min(Math.max(p, lo), hi);
}

/**
 * Log loss (cross-entropy): the (weighted) mean of −log of the probability given to the true class, after
 * clipping probabilities to [eps, 1 − eps] and dividing each row by its sum. Matches scikit-learn 1.2.1's
 * `log_loss`: a 1-D `yPred` (or one column) is the probability of the greater of two classes, and rows
 * that do not sum to 1 are renormalised silently as 1.2 does (1.3 warns, 1.5 raises).
 * @throws {MetricsError} `INVALID_INPUT` when yPred holds a value outside [0, 1] or NaN (scikit-learn
 *   clips those silently), rows differ in width, yPred's width differs from the number of classes, or
 *   yTrue has one label and no `labels`; `UNKNOWN_LABEL` when yTrue holds a label missing from `labels`;
 *   `LENGTH_MISMATCH` when yTrue, yPred or sampleWeight differ in length; `EMPTY_INPUT` for no samples;
 *   `INVALID_OPTION` for fewer than two `labels`, a bad `eps` or a sampleWeight summing to zero.
 * @example logLoss(['ham', 'spam', 'spam', 'ham'], [[0.9, 0.1], [0.1, 0.9], [0.2, 0.8], [0.65, 0.35]]) // 0.21616187468057912
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.log_loss.html
 */
export function logLoss(
  yTrue: readonly Label[],
  yPred: readonly number[] | readonly (readonly number[])[],
  options: LogLossOptions = {},
): number {
  const fn = 'logLoss';
  checkOptionKeys(fn, options, ['labels', 'sampleWeight', 'normalize', 'eps']);
  const { normalize = true } = options;
  if (typeof normalize !== 'boolean') {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: normalize is ${String(normalize)}; use true or false`,
    );
  }
  const eps = checkEps(fn, options.eps ?? 'auto');
  if (!isArray(yTrue)) {
    throw new MetricsError('INVALID_INPUT', `${fn}: yTrue must be an array of labels`);
  }
  if (!isArray(yPred)) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: yPred must be an array of probabilities, got ${describeType(yPred)}`,
    );
  }
  const rows = yPred.some((r) => isArray(r)) ? (yPred as readonly (readonly number[])[]) : null;
  const width = rows ? checkProbabilityMatrix(fn, 'yPred', rows) : 1;
  if (!rows) checkProbabilityVector(fn, 'yPred', yPred);
  checkLengths(fn, ['yTrue', 'yPred'], [yTrue, yPred]);
  const n = yTrue.length;
  if (n === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${fn}: yTrue and yPred are empty; pass at least one sample`,
    );
  }
  const weights = checkSampleWeight(fn, options.sampleWeight, n);
  const classes = columnClasses(fn, yTrue, options.labels);
  // One column is the positive class's probability; scikit-learn prepends 1 − p as the negative's.
  const columns = width === 1 ? 2 : width;
  if (classes.length !== columns) {
    throw new MetricsError(
      'INVALID_INPUT',
      options.labels == null
        ? `${fn}: yTrue has ${classes.length} classes but yPred has ${columns} columns; pass the true labels explicitly through the labels option. Classes found in yTrue: ${showClasses(classes)}`
        : `${fn}: the labels option has ${classes.length} classes but yPred has ${columns} columns. Classes found in labels: ${showClasses(classes)}`,
    );
  }
  const column = new Map<Label, number>();
  classes.forEach((c, j) => column.set(c, j));
  const lo = eps;
  const hi = 1 - eps;
  const losses = new Float64Array(n);
  const row = new Float64Array(columns);
  for (let i = 0; i < n; i++) {
    const t = column.get(yTrue[i] as Label);
    if (t === undefined) {
      throw new MetricsError(
        'UNKNOWN_LABEL',
        `${fn}: yTrue[${i}] is ${String(yTrue[i])}, which is not in labels ${showClasses(classes)}; add it to labels`,
      );
    }
    if (width === 1) {
      // Clipped before 1 − p is formed, as scikit-learn does.
      const p = clip(rows ? (rows[i]?.[0] as number) : (yPred[i] as number), lo, hi);
      row[0] = 1 - p;
      row[1] = p;
    } else {
      const r = rows?.[i] as readonly number[];
      for (let j = 0; j < columns; j++) row[j] = clip(r[j] as number, lo, hi);
    }
    // Renormalise (scikit-learn 1.2 divides every row by its sum) and take −log of the true class's share.
    losses[i] = -Math.log((row[t] as number) / pairwiseSum(row));
  }
  return weightedSum(fn, losses, weights, normalize);
}
