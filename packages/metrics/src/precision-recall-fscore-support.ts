import { classCounts, denseClassCounts, type ClassCounts } from './class-counts';
import { MetricsError } from './errors';
import {
  checkLabels,
  checkSampleWeight,
  encodeChecked,
  indexOfLabels,
  isArray,
  isDense,
} from './labels';
import { pairwiseSum } from './numpy-sum';
import type { Average, Label, WarningOptions, ZeroDivision } from './types';
import { createWarner, warnEmptyMean, type Warn } from './warnings';
import { quoteValue } from './input-checks';

/** Options of {@link precisionRecallFscoreSupport} and the scores built on it. */
export interface PrecisionRecallFscoreOptions extends WarningOptions {
  /** The labels to score, in output order; labels absent from the data score as ill-defined. @defaultValue every label present, sorted */
  labels?: readonly Label[] | null;
  /** The positive class for `average: 'binary'`. @defaultValue 1 */
  posLabel?: Label;
  /** How to combine per-label scores; `null` returns one value per label. @defaultValue `null` here, `'binary'` in the single scores */
  average?: Average;
  /** One weight per sample. @defaultValue every sample weighs 1 */
  sampleWeight?: readonly number[];
  /** Value of an ill-defined score (0/0). @defaultValue 'warn' */
  zeroDivision?: ZeroDivision;
}

/** Options of {@link fbetaScore} and {@link precisionRecallFscoreSupport}. */
export interface FbetaOptions extends PrecisionRecallFscoreOptions {
  /** Weight of recall: β = 1 is F1, β → ∞ is recall, β = 0 is precision. @defaultValue 1 */
  beta?: number;
}

/** Per-label arrays (`average: null`) or averaged scalars, with `support` only per label. */
export interface PrecisionRecallFscoreSupport<T extends number | number[] = number | number[]> {
  precision: T;
  recall: T;
  fscore: T;
  /** Number (or weight) of true samples per label; `null` when averaged. */
  support: T extends number[] ? number[] : null;
}

type Metric = 'precision' | 'recall' | 'f-score';

/** The counts of the labels to score, after scikit-learn's `_check_set_wise_labels` and `multilabel_confusion_matrix`. */
export interface SetWiseCounts {
  labels: Label[];
  tp: Float64Array;
  pred: Float64Array;
  true: Float64Array;
  type: 'binary' | 'multiclass';
  allLabels: Label[];
  /**
   * Whether scikit-learn's counts are floats: with sample weights, or when no sample at all is predicted
   * correctly (its `multilabel_confusion_matrix` then starts from float zeros). Only visible in report text.
   */
  floatCounts: boolean;
}

const AVERAGES: readonly Average[] = [null, 'micro', 'macro', 'weighted', 'samples', 'binary'];

export function checkAverage(fn: string, average: unknown): Average {
  if (!AVERAGES.includes(average as Average)) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: average is ${quoteValue(average)}; use one of null, 'binary', 'micro', 'macro', 'weighted'`,
    );
  }
  return average as Average;
}

export function checkZeroDivision(fn: string, zeroDivision: unknown): ZeroDivision {
  if (
    zeroDivision === 'warn' ||
    zeroDivision === 0 ||
    zeroDivision === 1 ||
    Number.isNaN(zeroDivision)
  ) {
    return zeroDivision as ZeroDivision;
  }
  throw new MetricsError(
    'INVALID_OPTION',
    `${fn}: zeroDivision is ${String(zeroDivision)}; use 'warn', 0, 1 or NaN`,
  );
}

function checkBeta(fn: string, beta: unknown): number {
  if (typeof beta !== 'number' || Number.isNaN(beta) || beta < 0) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: beta is ${String(beta)}; beta should be >= 0 in the F-beta score (Infinity means recall)`,
    );
  }
  return beta;
}

function labelText(l: Label): string {
  return typeof l === 'string' ? `'${l}'` : String(l);
}

/** scikit-learn's `_check_set_wise_labels` + per-label counts for the labels to score. */
export function setWiseCounts(
  fn: string,
  yTrue: readonly Label[],
  yPred: readonly Label[],
  average: Average,
  labels: readonly Label[] | null | undefined,
  posLabel: Label,
  sampleWeight: readonly number[] | undefined,
  warn: Warn,
): SetWiseCounts {
  const checked = checkLabels(fn, yTrue, yPred);
  const weights = checkSampleWeight(fn, sampleWeight, yTrue.length);
  let classes: Label[];
  let counts: ClassCounts;
  if (isDense(checked)) {
    // Small integer labels: count in one pass without an encoded copy (the 1M-label fast path).
    const dense = denseClassCounts(
      checked.a as number[],
      checked.b as number[],
      checked.min,
      checked.max,
      weights,
    );
    classes = dense.classes;
    counts = dense.counts;
  } else {
    const enc = encodeChecked(checked);
    classes = enc.classes;
    counts = classCounts(enc, weights);
  }
  const type = classes.length <= 2 ? 'binary' : 'multiclass';
  let selected: readonly Label[] | null | undefined = labels;
  if (labels != null && !isArray(labels)) {
    throw new MetricsError('INVALID_OPTION', `${fn}: labels must be an array of labels or null`);
  }
  if (average === 'binary') {
    if (type === 'binary') {
      if (!classes.includes(posLabel) && classes.length >= 2) {
        throw new MetricsError(
          'INVALID_OPTION',
          `${fn}: pos_label=${String(posLabel)} is not a valid label. It should be one of [${classes.map(labelText).join(', ')}]; set posLabel`,
        );
      }
      selected = [posLabel];
    } else {
      throw new MetricsError(
        'INVALID_OPTION',
        `${fn}: Target is multiclass but average='binary'. Please choose another average setting, one of [null, 'micro', 'macro', 'weighted'].`,
      );
    }
  } else if (posLabel !== 1 && posLabel != null) {
    warn(
      'UserWarning',
      `Note that pos_label (set to ${typeof posLabel === 'string' ? `'${posLabel}'` : posLabel}) is ignored when average != 'binary' (got ${average === null ? 'None' : `'${average}'`}). You may use labels=[pos_label] to specify a single positive class.`,
    );
  }
  if (average === 'samples') {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: Samplewise metrics are not available outside of multilabel classification; use another average`,
    );
  }
  const chosen = selected == null ? classes : [...selected];
  const idx = selected == null ? null : indexOfLabels(classes, chosen);
  const pick = (a: Float64Array): Float64Array => {
    if (!idx) return a;
    const out = new Float64Array(idx.length);
    idx.forEach((j, i) => {
      out[i] = j < 0 ? 0 : (a[j] as number);
    });
    return out;
  };
  const tp = pick(counts.tp);
  // scikit-learn rebuilds the totals from its confusion matrices: pred = tp + fp and true = tp + fn with
  // fp = pred − tp and fn = true − tp, which rounds differently from pred and true for float weights.
  const pred = pick(counts.pred).map((p, i) => (tp[i] as number) + (p - (tp[i] as number)));
  const tr = pick(counts.true).map((t, i) => (tp[i] as number) + (t - (tp[i] as number)));
  return {
    labels: chosen,
    tp,
    pred,
    true: tr,
    type,
    allLabels: classes,
    floatCounts: weights !== undefined || !counts.tp.some((v) => v > 0),
  };
}

/** scikit-learn's `_prf_divide`: numerator / denominator with 0/0 replaced and reported. */
function prfDivide(
  num: Float64Array,
  den: Float64Array,
  metric: Metric,
  modifier: string,
  average: Average,
  warnFor: readonly Metric[],
  zeroDivision: ZeroDivision,
  warn: Warn,
): Float64Array {
  const out = new Float64Array(num.length);
  let any = false;
  const fill = zeroDivision === 1 ? 1 : Number.isNaN(zeroDivision) ? NaN : 0;
  for (let i = 0; i < num.length; i++) {
    const d = den[i] as number;
    if (d === 0) {
      out[i] = fill;
      any = true;
    } else {
      out[i] = (num[i] as number) / d;
    }
  }
  if (any && zeroDivision === 'warn' && warnFor.includes(metric)) {
    const title = metric === 'precision' ? 'Precision' : 'Recall';
    const start = warnFor.includes('f-score') ? `${title} and F-score are` : `${title} is`;
    warnPrf(average, modifier, start, out.length, warn);
  }
  return out;
}

function warnPrf(
  average: Average,
  modifier: string,
  msgStart: string,
  size: number,
  warn: Warn,
): void {
  const where = size === 1 ? 'due to' : 'in labels with';
  warn(
    'UndefinedMetricWarning',
    `${msgStart} ill-defined and being set to 0.0 ${where} no ${modifier} samples. Use \`zero_division\` parameter to control this behavior.`,
  );
}

/** numpy's `mean`, with NaN (and warnings) for an empty array; `skipNaN` is `nanmean` for zeroDivision NaN. */
function mean(values: Float64Array, warn: Warn, skipNaN: boolean): number {
  const vals = skipNaN ? values.filter((v) => !Number.isNaN(v)) : values;
  if (vals.length === 0) {
    if (!skipNaN || values.length === 0) warnEmptyMean(warn);
    return NaN;
  }
  return pairwiseSum(vals) / vals.length;
}

/** numpy's `average(values, weights)`: sum(values · weights) / sum(weights). */
function weightedAverage(values: Float64Array, weights: Float64Array, skipNaN: boolean): number {
  const prod = new Float64Array(values.length);
  const w = new Float64Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (skipNaN && Number.isNaN(v)) continue;
    prod[m] = v * (weights[i] as number);
    w[m] = weights[i] as number;
    m++;
  }
  return pairwiseSum(prod, 0, m) / pairwiseSum(w, 0, m);
}

/** Precision, recall and F from counts, exactly as scikit-learn 1.2.1 orders the arithmetic. */
export function prfsFromCounts(
  counts: Pick<SetWiseCounts, 'tp' | 'pred' | 'true'>,
  beta: number,
  average: Average,
  warnFor: readonly Metric[],
  zeroDivision: ZeroDivision,
  warn: Warn,
): PrecisionRecallFscoreSupport {
  let { tp, pred, true: tr } = counts;
  if (average === 'micro') {
    tp = Float64Array.of(pairwiseSum(tp));
    pred = Float64Array.of(pairwiseSum(pred));
    tr = Float64Array.of(pairwiseSum(tr));
  }
  const beta2 = beta ** 2;
  const precision = prfDivide(
    tp,
    pred,
    'precision',
    'predicted',
    average,
    warnFor,
    zeroDivision,
    warn,
  );
  const recall = prfDivide(tp, tr, 'recall', 'true', average, warnFor, zeroDivision, warn);
  if (zeroDivision === 'warn' && warnFor.length === 1 && warnFor[0] === 'f-score') {
    for (let i = 0; i < tr.length; i++) {
      if (tr[i] === 0 && pred[i] === 0) {
        warnPrf(average, 'true nor predicted', 'F-score is', tr.length, warn);
        break;
      }
    }
  }
  const nanMode = Number.isNaN(zeroDivision);
  const fscore = new Float64Array(precision.length);
  for (let i = 0; i < precision.length; i++) {
    const p = precision[i] as number;
    const r = recall[i] as number;
    if (nanMode && (Number.isNaN(p) || Number.isNaN(r))) {
      // scikit-learn ≥ 1.3 semantics: F is 0/0 only when there is nothing to score; otherwise tp = 0 → F = 0.
      fscore[i] = tr[i] === 0 && pred[i] === 0 ? NaN : 0;
    } else if (beta === Infinity) {
      fscore[i] = r;
    } else {
      let denom = beta2 * p + r;
      if (denom === 0) denom = 1;
      fscore[i] = ((1 + beta2) * p * r) / denom;
    }
  }
  if (average === null) {
    return {
      precision: Array.from(precision),
      recall: Array.from(recall),
      fscore: Array.from(fscore),
      support: Array.from(tr),
    };
  }
  if (average === 'weighted') {
    const wsum = pairwiseSum(tr);
    if (wsum === 0) {
      const z = zeroDivision === 1 ? 1 : nanMode ? NaN : 0;
      if (pairwiseSum(pred) === 0) return { precision: z, recall: z, fscore: z, support: null };
      return { precision: 0, recall: z, fscore: 0, support: null };
    }
    return {
      precision: weightedAverage(precision, tr, nanMode),
      recall: weightedAverage(recall, tr, nanMode),
      fscore: weightedAverage(fscore, tr, nanMode),
      support: null,
    };
  }
  return {
    precision: mean(precision, warn, nanMode),
    recall: mean(recall, warn, nanMode),
    fscore: mean(fscore, warn, nanMode),
    support: null,
  };
}

/** Shared body of precisionRecallFscoreSupport / precisionScore / recallScore / fbetaScore. */
export function prfs(
  fn: string,
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: FbetaOptions,
  defaultAverage: Average,
  warnFor: readonly Metric[],
): PrecisionRecallFscoreSupport {
  const warn = createWarner(options.onWarning);
  const zeroDivision = checkZeroDivision(fn, options.zeroDivision ?? 'warn');
  const beta = checkBeta(fn, options.beta ?? 1);
  const average = checkAverage(
    fn,
    options.average === undefined ? defaultAverage : options.average,
  );
  const counts = setWiseCounts(
    fn,
    yTrue,
    yPred,
    average,
    options.labels,
    options.posLabel ?? 1,
    options.sampleWeight,
    warn,
  );
  // A macro average over no labels is numpy's mean of nothing: NaN in scikit-learn. zeroDivision NaN asked for NaN.
  if (average === 'macro' && counts.tp.length === 0 && !Number.isNaN(zeroDivision)) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${fn}: there are no labels to average over (yTrue and yPred are empty, or labels is []); pass at least one`,
    );
  }
  return prfsFromCounts(counts, beta, average, warnFor, zeroDivision, warn);
}

/**
 * Precision, recall, F-beta and support per label or averaged. Matches scikit-learn 1.2.1's
 * `precision_recall_fscore_support`, including its F formula `(1+β²)·P·R / (β²·P + R)` computed after
 * `zeroDivision` replaced P and R.
 * @throws {MetricsError} `LENGTH_MISMATCH` when yTrue, yPred or sampleWeight differ in length;
 *   `INVALID_OPTION` for an unknown `average`, bad `zeroDivision`, `beta` < 0, `average: 'binary'` on
 *   multiclass data or a `posLabel` that is not a label; `INVALID_INPUT` for non-integer numbers or numbers in
 *   one argument with strings in the other.
 * @example precisionRecallFscoreSupport([0, 1, 1], [0, 1, 0])
 * // { precision: [0.5, 1], recall: [1, 0.5], fscore: [0.6666666666666666, 0.6666666666666666], support: [1, 2] }
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.precision_recall_fscore_support.html
 */
export function precisionRecallFscoreSupport(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: FbetaOptions = {},
): PrecisionRecallFscoreSupport {
  return prfs('precisionRecallFscoreSupport', yTrue, yPred, options, null, [
    'precision',
    'recall',
    'f-score',
  ]);
}
