import { MetricsError } from './errors';
import { checkLengths, checkSampleWeight, isArray } from './labels';
import { dot, pairwiseSum } from './numpy-sum';
import { compareCodePoints } from './python-format';
import type { Label, WarningOptions } from './types';
import { createWarner, warnEmptyMean } from './warnings';
import { checkOptionsObject } from './input-checks';

export interface TopKAccuracyOptions extends WarningOptions {
  /** How many of the highest-scored classes may contain the true one. @defaultValue 2 */
  k?: number;
  /** Fraction (true) or (weighted) count (false) of hits. @defaultValue true */
  normalize?: boolean;
  /** One weight per sample. @defaultValue every sample weighs 1 */
  sampleWeight?: readonly number[];
  /** The classes of yScore's columns, sorted and unique. @defaultValue the sorted labels of yTrue */
  labels?: readonly Label[] | null;
}

/** scikit-learn's `check_array` rejects NaN and infinite scores. */
function checkScore(fn: string, v: unknown, where: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: ${where} is ${String(v)}; scores must be finite numbers`,
    );
  }
}

function sortLabels(values: readonly Label[]): Label[] {
  const unique = [...new Set(values)];
  const numbers = unique.filter((v): v is number => typeof v === 'number');
  return numbers.length === unique.length
    ? numbers.sort((a, b) => a - b)
    : unique.map(String).sort(compareCodePoints);
}

/**
 * Top-k accuracy: the fraction of samples whose true class is among the k highest scores (ties go to the
 * higher class index, as scikit-learn's stable argsort reversed). Matches scikit-learn 1.2.1's
 * `top_k_accuracy_score`, including its binary form with a 1-D `yScore` of positive-class scores.
 * @throws {MetricsError} `LENGTH_MISMATCH` when yTrue, yScore or sampleWeight differ in length;
 *   `INVALID_INPUT` when yScore's width differs from the number of classes or yTrue holds a label not in
 *   `labels`; `INVALID_OPTION` for k < 1 or labels that are not sorted and unique.
 * @example topKAccuracyScore([0, 1, 2, 2], [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]]) // 0.75
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.top_k_accuracy_score.html
 */
export function topKAccuracyScore(
  yTrue: readonly Label[],
  yScore: readonly (readonly number[])[] | readonly number[],
  options: TopKAccuracyOptions = {},
): number {
  const fn = 'topKAccuracyScore';
  checkOptionsObject(fn, options);
  const warn = createWarner(options.onWarning);
  const { k = 2, normalize = true } = options;
  if (!Number.isInteger(k) || k < 1) {
    throw new MetricsError('INVALID_OPTION', `${fn}: k is ${String(k)}; use an integer >= 1`);
  }
  if (!isArray(yTrue) || !isArray(yScore)) {
    throw new MetricsError('INVALID_INPUT', `${fn}: yTrue and yScore must be arrays`);
  }
  const uniqueTrue = sortLabels(yTrue);
  let type: 'binary' | 'multiclass' = uniqueTrue.length <= 2 ? 'binary' : 'multiclass';
  if (type === 'binary' && options.labels != null && options.labels.length > 2) type = 'multiclass';
  const flat = yScore.length > 0 && !isArray(yScore[0]);
  let scores: readonly (readonly number[])[] | null = null;
  let scores1d: readonly number[] | null = null;
  if (flat) scores1d = yScore as readonly number[];
  else scores = yScore as readonly (readonly number[])[];
  if (type === 'binary' && scores) {
    const width = scores[0]?.length ?? 1;
    if (width !== 1) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: yTrue is binary while yScore is 2-D with ${width} classes. If yTrue does not contain all the labels, pass labels`,
      );
    }
    scores1d = scores.map((r) => r[0] as number);
    scores = null;
  }
  checkLengths(fn, ['yTrue', 'yScore'], [yTrue, scores ?? scores1d ?? []]);
  const weights = checkSampleWeight(fn, options.sampleWeight, yTrue.length);
  const nScoreClasses = scores ? (scores[0]?.length ?? 0) : 2;
  if (scores) {
    scores.forEach((row, i) => {
      if (!isArray(row) || row.length !== nScoreClasses) {
        throw new MetricsError(
          'INVALID_INPUT',
          `${fn}: yScore[${i}] must have ${nScoreClasses} scores like yScore[0]`,
        );
      }
      row.forEach((v, j) => checkScore(fn, v, `yScore[${i}][${j}]`));
    });
  } else {
    (scores1d ?? []).forEach((v, i) => checkScore(fn, v, `yScore[${i}]`));
  }
  let classes: Label[];
  if (options.labels == null) {
    classes = uniqueTrue;
    if (classes.length !== nScoreClasses) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: Number of classes in yTrue (${classes.length}) not equal to the number of classes in yScore (${nScoreClasses}); pass all known classes as labels`,
      );
    }
  } else {
    const given = [...options.labels];
    classes = sortLabels(given);
    if (classes.length !== given.length) {
      throw new MetricsError('INVALID_OPTION', `${fn}: labels must be unique`);
    }
    if (!classes.every((c, i) => c === given[i])) {
      throw new MetricsError('INVALID_OPTION', `${fn}: labels must be ordered (sorted ascending)`);
    }
    if (classes.length !== nScoreClasses) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: Number of given labels (${classes.length}) not equal to the number of classes in yScore (${nScoreClasses})`,
      );
    }
  }
  const index = new Map<Label, number>();
  classes.forEach((c, i) => index.set(c, i));
  const encoded = yTrue.map((y, i) => {
    const j = index.get(y);
    if (j === undefined) {
      throw new MetricsError('INVALID_INPUT', `${fn}: yTrue[${i}] = ${String(y)} is not in labels`);
    }
    return j;
  });
  if (k >= classes.length) {
    warn(
      'UndefinedMetricWarning',
      `'k' (${k}) greater than or equal to 'n_classes' (${classes.length}) will result in a perfect score and is therefore meaningless.`,
    );
  }
  const n = yTrue.length;
  const hits = new Float64Array(n);
  if (type === 'binary') {
    const s = scores1d ?? [];
    if (k === 1) {
      let min = Infinity;
      let max = -Infinity;
      for (const v of s) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const threshold = min >= 0 && max <= 1 ? 0.5 : 0;
      for (let i = 0; i < n; i++)
        hits[i] = ((s[i] as number) > threshold ? 1 : 0) === encoded[i] ? 1 : 0;
    } else {
      hits.fill(1);
    }
  } else {
    const rows = scores ?? [];
    for (let i = 0; i < n; i++) {
      const row = rows[i] as readonly number[];
      const t = encoded[i] as number;
      const st = row[t] as number;
      // Rank of the true class in a descending stable sort reversed: classes scored higher, or scored
      // equal with a higher index, come first.
      let ahead = 0;
      for (let j = 0; j < row.length; j++) {
        const v = row[j] as number;
        if (v > st || (v === st && j > t)) ahead++;
      }
      hits[i] = ahead < k ? 1 : 0;
    }
  }
  if (normalize) {
    if (weights) {
      const ws = pairwiseSum(weights);
      if (ws === 0) {
        throw new MetricsError(
          'INVALID_OPTION',
          `${fn}: sampleWeight sums to zero, so the weighted average is undefined`,
        );
      }
      return dot(hits, weights) / ws;
    }
    if (n === 0) {
      warnEmptyMean(warn);
      return NaN;
    }
    return pairwiseSum(hits) / n;
  }
  return weights ? dot(hits, weights) : pairwiseSum(hits);
}
