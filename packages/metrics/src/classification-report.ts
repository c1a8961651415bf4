import { MetricsError } from './errors';
import { pairwiseSum } from './numpy-sum';
import {
  checkZeroDivision,
  prfsFromCounts,
  setWiseCounts,
  type PrecisionRecallFscoreSupport,
} from './precision-recall-fscore-support';
import {
  codePointLength,
  padStartCodePoints,
  pyFloatRepr,
  pyFormatFixed,
  pyNumberStr,
} from './python-format';
import type { Label, WarningOptions, ZeroDivision } from './types';
import { createWarner } from './warnings';

export interface ClassificationReportOptions extends WarningOptions {
  /** Labels to report, in order. @defaultValue every label present, sorted */
  labels?: readonly Label[] | null;
  /** Display names for `labels`, same length. @defaultValue the labels as text */
  targetNames?: readonly string[] | null;
  /** One weight per sample; supports then become weight sums. @defaultValue every sample weighs 1 */
  sampleWeight?: readonly number[];
  /** Decimal places in the text form. @defaultValue 2 */
  digits?: number;
  /** Value of ill-defined scores. @defaultValue 'warn' */
  zeroDivision?: ZeroDivision;
  /** Return the object form (scikit-learn's `output_dict=True`) instead of text. @defaultValue false */
  outputDict?: boolean;
}

/** One row of the report. */
export interface ClassificationReportRow {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}

/**
 * scikit-learn's `output_dict=True` form: one row per target name, then `accuracy` (a number) or
 * `micro avg`, then `macro avg` and `weighted avg`. Integer-like names come first when iterating, as with
 * any JavaScript object.
 */
export type ClassificationReportDict = Record<string, ClassificationReportRow | number>;

const HEADERS = ['precision', 'recall', 'f1-score', 'support'] as const;

/**
 * Precision, recall, F1 and support per label with micro (or accuracy), macro and weighted averages.
 * Text laid out exactly like scikit-learn 1.2.1's `classification_report` (Python's half-to-even rounding,
 * widths counted in code points); `outputDict: true` returns its `output_dict` form. Counts are taken once,
 * so a million labels take milliseconds.
 * @throws {MetricsError} `LENGTH_MISMATCH` when yTrue, yPred or sampleWeight differ in length;
 *   `INVALID_OPTION` when targetNames does not match the labels found, or for bad digits/zeroDivision;
 *   `EMPTY_INPUT` for the text of empty input; `INVALID_INPUT` for non-integer numbers or mixed label types.
 * @example
 * console.log(classificationReport([0, 1, 1, 0], [0, 1, 0, 0]));
 * //               precision    recall  f1-score   support
 * //
 * //            0       0.67      1.00      0.80         2
 * //            1       1.00      0.50      0.67         2
 * // ...
 * @see https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.classification_report.html
 */
export function classificationReport(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: ClassificationReportOptions & { outputDict: true },
): ClassificationReportDict;
export function classificationReport(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options?: ClassificationReportOptions & { outputDict?: false },
): string;
export function classificationReport(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: ClassificationReportOptions = {},
): string | ClassificationReportDict {
  const fn = 'classificationReport';
  const warn = createWarner(options.onWarning);
  const digits = options.digits ?? 2;
  if (!Number.isInteger(digits) || digits < 0 || digits > 60) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: digits is ${String(digits)}; use an integer from 0 to 60`,
    );
  }
  const zeroDivision = checkZeroDivision(fn, options.zeroDivision ?? 'warn');
  const labelsGiven = options.labels != null;
  const counts = setWiseCounts(
    fn,
    yTrue,
    yPred,
    null,
    options.labels,
    1,
    options.sampleWeight,
    warn,
  );
  const labels = counts.labels;
  // scikit-learn raises "max() arg is an empty sequence" for the text and fills the dict with NaN averages.
  if (labels.length === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${fn}: there are no labels to report (yTrue and yPred are empty)`,
    );
  }
  const present = new Set<Label>(counts.allLabels);
  const microIsAccuracy =
    !labelsGiven || (new Set(labels).size === present.size && labels.every((l) => present.has(l)));
  let targetNames = options.targetNames ?? null;
  if (targetNames !== null && targetNames.length !== labels.length) {
    if (labelsGiven) {
      warn(
        'UserWarning',
        `labels size, ${labels.length}, does not match size of target_names, ${targetNames.length}`,
      );
    } else {
      throw new MetricsError(
        'INVALID_OPTION',
        `${fn}: Number of classes, ${labels.length}, does not match size of target_names, ${targetNames.length}. Try specifying the labels parameter`,
      );
    }
  }
  targetNames ??= labels.map((l) => (typeof l === 'number' ? pyNumberStr(l) : l));
  const perLabel = prfsFromCounts(
    counts,
    1,
    null,
    ['precision', 'recall', 'f-score'],
    zeroDivision,
    warn,
  ) as PrecisionRecallFscoreSupport<number[]>;
  const rows = Math.min(targetNames.length, labels.length);
  const supportTotal = pairwiseSum(perLabel.support);
  const averages = (['micro', 'macro', 'weighted'] as const).map((average) => {
    const r = prfsFromCounts(
      counts,
      1,
      average,
      ['precision', 'recall', 'f-score'],
      zeroDivision,
      warn,
    );
    const heading = average === 'micro' && microIsAccuracy ? 'accuracy' : `${average} avg`;
    return { heading, p: r.precision as number, r: r.recall as number, f: r.fscore as number };
  });

  if (options.outputDict) {
    const dict: ClassificationReportDict = {};
    for (let i = 0; i < rows; i++) {
      dict[targetNames[i] as string] = {
        precision: perLabel.precision[i] as number,
        recall: perLabel.recall[i] as number,
        'f1-score': perLabel.fscore[i] as number,
        support: perLabel.support[i] as number,
      };
    }
    for (const a of averages) {
      dict[a.heading] =
        a.heading === 'accuracy'
          ? a.p
          : { precision: a.p, recall: a.r, 'f1-score': a.f, support: supportTotal };
    }
    return dict;
  }

  if (targetNames.length === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      `${fn}: targetNames is empty, so there are no rows to report`,
    );
  }
  const supportText = (s: number): string => (counts.floatCounts ? pyFloatRepr(s) : String(s));
  const width = Math.max(
    Math.max(...targetNames.map(codePointLength)),
    'weighted avg'.length,
    digits,
  );
  const cell = (x: number): string => ' ' + pyFormatFixed(x, digits).padStart(9);
  let report = ' '.repeat(width) + ' ' + HEADERS.map((h) => ' ' + h.padStart(9)).join('') + '\n\n';
  for (let i = 0; i < rows; i++) {
    report +=
      padStartCodePoints(targetNames[i] as string, width) +
      ' ' +
      cell(perLabel.precision[i] as number) +
      cell(perLabel.recall[i] as number) +
      cell(perLabel.fscore[i] as number) +
      ' ' +
      supportText(perLabel.support[i] as number).padStart(9) +
      '\n';
  }
  report += '\n';
  for (const a of averages) {
    const lead = padStartCodePoints(a.heading, width) + ' ';
    const pr = a.heading === 'accuracy' ? ' '.repeat(20) : cell(a.p) + cell(a.r);
    report += lead + pr + cell(a.f) + ' ' + supportText(supportTotal).padStart(9) + '\n';
  }
  return report;
}
