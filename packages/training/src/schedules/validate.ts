import { TrainingError } from '../errors';

/**
 * Throws `INVALID_OPTION` unless `value` is a finite number >= `min` (an integer unless `integer` is false).
 * `undefined` passes: callers check optional options after applying defaults.
 */
export function checkNumber(
  fn: string,
  name: string,
  value: number | undefined,
  min: number,
  integer = true,
): void {
  if (value === undefined) return;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    (integer && !Number.isInteger(value))
  ) {
    throw new TrainingError(
      'INVALID_OPTION',
      `${fn}: ${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${String(value)}`,
    );
  }
}

/** Like {@link checkNumber}, but a missing value is an error too (a required option such as `totalSteps`). */
export function checkRequiredNumber(
  fn: string,
  name: string,
  value: number | undefined,
  min: number,
  integer = true,
): void {
  if (value === undefined)
    throw new TrainingError('INVALID_OPTION', `${fn}: options.${name} is required`);
  checkNumber(fn, name, value, min, integer);
}

/** Throws `INVALID_OPTION` unless `lo <= value <= hi` (or `lo < value < hi` when `open`). */
export function checkRange(
  fn: string,
  name: string,
  value: number,
  lo: number,
  hi: number,
  open = false,
): void {
  const ok = open ? value > lo && value < hi : value >= lo && value <= hi;
  if (!ok) {
    const range = open ? `(${lo}, ${hi})` : `[${lo}, ${hi}]`;
    throw new TrainingError(
      'INVALID_OPTION',
      `${fn}: ${name} must be in ${range}, got ${String(value)}`,
    );
  }
}

/** Throws `INVALID_OPTION` unless `value` is one of `allowed`, listing them. */
export function checkChoice<T extends string>(
  fn: string,
  name: string,
  value: T,
  allowed: readonly T[],
): void {
  if (!allowed.includes(value)) {
    throw new TrainingError(
      'INVALID_OPTION',
      `${fn}: unknown ${name} '${String(value)}'; expected one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
    );
  }
}

/** HF's linear warm-up factor `step / max(1, warmupSteps)`. */
export function linearWarmup(step: number, warmupSteps: number): number {
  return step / Math.max(1, warmupSteps);
}
