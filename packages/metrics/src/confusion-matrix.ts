import { confusionCounts } from './class-counts';
import { MetricsError } from './errors';
import { checkSampleWeight, encodeLabels, isArray } from './labels';
import { pairwiseSum } from './numpy-sum';
import type { Label } from './types';
import { quoteValue } from './input-checks';

export interface ConfusionMatrixOptions {
  /** Rows and columns, in this order; samples with other labels are left out. @defaultValue every label present, sorted */
  labels?: readonly Label[] | null;
  /** One weight per sample. @defaultValue every sample weighs 1 */
  sampleWeight?: readonly number[];
  /** Divide by the row sums (`'true'`), column sums (`'pred'`) or the total (`'all'`); 0/0 becomes 0. @defaultValue null */
  normalize?: 'true' | 'pred' | 'all' | null;
}

/** A confusion matrix and the label order of its rows (true labels) and columns (predicted labels). */
export interface ConfusionMatrix {
  /** `matrix[i][j]`: (weighted) number of samples with true label `labels[i]` predicted as `labels[j]`. */
  matrix: number[][];
  labels: Label[];
}

/** Computes the matrix for already-checked labels; used by kappa, MCC and balanced accuracy too. */
export function confusionMatrixInternal(
  fn: string,
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: ConfusionMatrixOptions,
  names: readonly [string, string] = ['yTrue', 'yPred'],
): { cm: Float64Array; labels: Label[] } {
  const enc = encodeLabels(fn, yTrue, yPred, names);
  const { normalize = null } = options;
  let labels: Label[] = enc.classes;
  let t = enc.yTrue;
  let p = enc.yPred;
  const n = t.length;
  if (options.labels != null) {
    if (!isArray(options.labels)) {
      throw new MetricsError('INVALID_OPTION', `${fn}: labels must be an array of labels or null`);
    }
    labels = [...options.labels];
    if (labels.length === 0) {
      throw new MetricsError(
        'INVALID_OPTION',
        `${fn}: labels is empty; 'labels' should contain at least one label`,
      );
    }
    if (n === 0) return { cm: new Float64Array(labels.length ** 2), labels };
    // numpy's label_to_ind dict: the last position of a repeated label wins.
    const toUser = new Map<Label, number>();
    labels.forEach((l, i) => toUser.set(l, i));
    const remap = enc.classes.map((c) => toUser.get(c) ?? -1);
    t = t.map((c) => remap[c] as number);
    p = p.map((c) => remap[c] as number);
    if (!t.some((c) => c >= 0)) {
      throw new MetricsError(
        'INVALID_OPTION',
        `${fn}: none of labels [${labels.join(', ')}] occurs in ${names[0]}; at least one label specified must be in ${names[0]}`,
      );
    }
  }
  const weights = checkSampleWeight(fn, options.sampleWeight, n);
  if (normalize !== null && normalize !== 'true' && normalize !== 'pred' && normalize !== 'all') {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: normalize is ${quoteValue(normalize)}; use 'true', 'pred', 'all' or null`,
    );
  }
  const k = labels.length;
  const cm = confusionCounts(t, p, k, weights);
  if (normalize === 'true') {
    for (let i = 0; i < k; i++) {
      const s = pairwiseSum(cm, i * k, i * k + k);
      for (let j = 0; j < k; j++) cm[i * k + j] = s === 0 ? 0 : (cm[i * k + j] as number) / s;
    }
  } else if (normalize === 'pred') {
    const col = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < k; i++) col[i] = cm[i * k + j] as number;
      const s = pairwiseSum(col);
      for (let i = 0; i < k; i++) cm[i * k + j] = s === 0 ? 0 : (cm[i * k + j] as number) / s;
    }
  } else if (normalize === 'all') {
    const s = pairwiseSum(cm);
    for (let i = 0; i < cm.length; i++) cm[i] = s === 0 ? 0 : (cm[i] as number) / s;
  }
  return { cm, labels };
}

/** Rows of a row-major k×k Float64Array as arrays. */
export function toRows(cm: Float64Array, k: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < k; i++) rows.push(Array.from(cm.subarray(i * k, i * k + k)));
  return rows;
}

/**
 * Confusion matrix: rows are true labels, columns predicted labels. Matches scikit-learn 1.2.1's
 * `confusion_matrix` and also returns the label order it used.
 * @throws {MetricsError} `LENGTH_MISMATCH` when yTrue, yPred or sampleWeight differ in length; `INVALID_OPTION`
 *   for empty `labels`, `labels` none of which occurs in yTrue, or an unknown `normalize`; `INVALID_INPUT` for
 *   non-integer numbers or numbers in one argument with strings in the other.
 * @example confusionMatrix(['cat', 'ant', 'cat'], ['ant', 'ant', 'cat'])
 * // { matrix: [[1, 0], [1, 1]], labels: ['ant', 'cat'] }
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.confusion_matrix.html
 */
export function confusionMatrix(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: ConfusionMatrixOptions = {},
): ConfusionMatrix {
  const { cm, labels } = confusionMatrixInternal('confusionMatrix', yTrue, yPred, options);
  return { matrix: toRows(cm, labels.length), labels };
}
