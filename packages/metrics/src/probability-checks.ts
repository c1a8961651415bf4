import { MetricsError } from './errors';
import { describeType } from './input-checks';
import { isArray } from './labels';

function describeValue(v: unknown): string {
  return typeof v === 'number' ? String(v) : describeType(v);
}

/**
 * One probability: a number in [0, 1]. NaN fails both comparisons, so it is named on its own.
 * @throws {MetricsError} `INVALID_INPUT` naming the function, the position and the value.
 */
function checkProbability(fn: string, where: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || Number.isNaN(v)) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: ${where} is ${describeValue(v)}; probabilities must be numbers (scikit-learn: "Input contains NaN")`,
    );
  }
  if (v < 0 || v > 1) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: ${where} is ${v}, outside [0, 1]; pass probabilities (apply softmax or sigmoid to logits first)`,
    );
  }
}

/**
 * A 1-D array of probabilities, e.g. the positive class's.
 * @throws {MetricsError} `INVALID_INPUT` for a non-array or an entry that is not a number in [0, 1].
 * @internal
 */
export function checkProbabilityVector(
  fn: string,
  name: string,
  values: unknown,
): asserts values is readonly number[] {
  if (!isArray(values) && !ArrayBuffer.isView(values)) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: ${name} must be an array of probabilities, got ${describeType(values)}`,
    );
  }
  const v = values as ArrayLike<unknown>;
  for (let i = 0; i < v.length; i++) checkProbability(fn, `${name}[${i}]`, v[i]);
}

/**
 * A matrix of probabilities, one row per sample and one column per class, every row as wide as the first.
 * @returns the number of columns (0 for no rows).
 * @throws {MetricsError} `INVALID_INPUT` for a non-array, a ragged row or an entry not in [0, 1].
 * @internal
 */
export function checkProbabilityMatrix(
  fn: string,
  name: string,
  rows: readonly (readonly number[])[],
): number {
  const width = rows.length > 0 && isArray(rows[0]) ? (rows[0] as readonly number[]).length : 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!isArray(row) && !ArrayBuffer.isView(row)) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: ${name}[${i}] is ${describeType(row)}; each row must be an array of class probabilities`,
      );
    }
    const r = row as readonly number[];
    if (r.length !== width || width === 0) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: ${name}[${i}] has ${r.length} probabilities but ${name}[0] has ${width}; every row needs one per class`,
      );
    }
    for (let j = 0; j < width; j++) checkProbability(fn, `${name}[${i}][${j}]`, r[j]);
  }
  return width;
}
