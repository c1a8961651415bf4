import { MetricsError } from './errors';
import { checkLabels, encodeChecked } from './labels';
import { pyNumberStr } from './python-format';
import type { Label } from './types';

/** What a binary metric does when `posLabel` is left out and yTrue is not {0, 1}, {-1, 1} or one of them. */
export type UnspecifiedPosLabel = 'greatest' | 'throw';

// scikit-learn's `_check_pos_label_consistency` takes 1 as the positive class only for these label sets.
const IMPLICIT_SETS: readonly (readonly number[])[] = [[0, 1], [-1, 1], [0], [-1], [1]];

function isImplicitSet(classes: readonly Label[]): boolean {
  return IMPLICIT_SETS.some(
    (s) => s.length === classes.length && s.every((v, i) => v === classes[i]),
  );
}

function showLabels(classes: readonly Label[]): string {
  return classes.map((c) => (typeof c === 'string' ? `'${c}'` : pyNumberStr(c))).join(', ');
}

/**
 * yTrue as 1 (the positive class) and 0, as scikit-learn's binary probability metrics see it. Without
 * `posLabel`, {0, 1}, {-1, 1} and their subsets take 1; other numbers take the greatest label
 * (`brier_score_loss`'s backward-compatible fallback) or throw (`calibration_curve`); strings throw.
 * @throws {MetricsError} `EMPTY_INPUT` for no samples; `INVALID_INPUT` for more than two labels, labels
 *   that are not integers or strings, or strings without `posLabel`; `INVALID_OPTION` for a `posLabel`
 *   that is not a label of yTrue's kind.
 * @internal
 */
export function binaryTarget(
  fn: string,
  yTrue: readonly Label[],
  posLabel: Label | undefined,
  unspecified: UnspecifiedPosLabel,
): Float64Array {
  const checked = checkLabels(fn, yTrue, yTrue, ['yTrue', 'yTrue']);
  if (yTrue.length === 0) {
    throw new MetricsError('EMPTY_INPUT', `${fn}: yTrue is empty; pass at least one sample`);
  }
  const enc = encodeChecked(checked);
  const { classes } = enc;
  if (classes.length > 2) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: yTrue has ${classes.length} labels (${showLabels(classes)}); only binary classification is supported`,
    );
  }
  let pos: Label;
  if (posLabel !== undefined) {
    if (typeof posLabel !== checked.kind) {
      throw new MetricsError(
        'INVALID_OPTION',
        `${fn}: posLabel is ${typeof posLabel === 'string' ? `'${posLabel}'` : String(posLabel)} but yTrue holds ${checked.kind}s; pass a label of the same kind`,
      );
    }
    pos = posLabel;
  } else if (checked.kind === 'number' && isImplicitSet(classes)) {
    pos = 1;
  } else if (checked.kind === 'number' && unspecified === 'greatest') {
    pos = classes[classes.length - 1] as number;
  } else {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: yTrue takes values in {${showLabels(classes)}} and posLabel is not specified: either make yTrue take values in {0, 1} or {-1, 1} or pass posLabel`,
    );
  }
  const positive = new Float64Array(enc.yTrue.length);
  const posIndex = classes.indexOf(pos);
  for (let i = 0; i < positive.length; i++) positive[i] = enc.yTrue[i] === posIndex ? 1 : 0;
  return positive;
}
