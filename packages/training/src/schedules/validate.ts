import { checkOptionsObject } from '../check-args';
import { TrainingError } from '../errors';
import type { DecayOptions, Schedule } from './types';

/** What {@link checkNumber} accepts. */
export interface NumberRule {
  /** The smallest value allowed. */
  min: number;
  /**
   * Only whole numbers.
   * @defaultValue true
   */
  integer?: boolean;
  /**
   * A missing value is an error too (a required option such as `totalSteps`).
   * @defaultValue false
   */
  required?: boolean;
}

/**
 * Throws `INVALID_OPTION` unless `value` is a finite number >= `rule.min` (an integer unless `rule.integer` is
 * false). `undefined` passes unless `rule.required`: callers check optional options after applying defaults.
 */
export function checkNumber(
  fn: string,
  name: string,
  value: number | undefined,
  rule: NumberRule,
): void {
  const { min, integer = true } = rule;
  if (value === undefined) {
    if (rule.required === true)
      throw new TrainingError('INVALID_OPTION', `${fn}: options.${name} is required`);
    return;
  }
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

/**
 * Checks a warm-up + decay schedule's options object and its step counts (`warmupSteps` an integer >= 0,
 * `totalSteps` a required integer >= 0), in that order.
 * @returns `warmupSteps` (0 when unset) and `totalSteps`.
 */
export function checkDecaySteps(
  fn: string,
  options: DecayOptions,
): { warmupSteps: number; totalSteps: number } {
  checkOptionsObject(fn, options);
  const warmupSteps = options.warmupSteps ?? 0;
  checkNumber(fn, 'warmupSteps', warmupSteps, { min: 0 });
  checkNumber(fn, 'totalSteps', options.totalSteps, { min: 0, required: true });
  return { warmupSteps, totalSteps: options.totalSteps };
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

/**
 * The shape of HF's warm-up + decay schedules: {@link linearWarmup} below `warmupSteps`, then `decay` of the
 * progress through the decay, `(step − warmupSteps) / max(1, totalSteps − warmupSteps)`.
 */
export function warmupThenDecay(
  warmupSteps: number,
  totalSteps: number,
  decay: (progress: number) => number,
): Schedule {
  return (step) =>
    step < warmupSteps
      ? linearWarmup(step, warmupSteps)
      : decay((step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
}
