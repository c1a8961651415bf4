/**
 * Entry checks for options objects and lists: a `null` options object or a string where a list belongs becomes an
 * `INVALID_OPTION` TrainingError naming the function and the argument, instead of a TypeError from deep inside.
 */
import { TrainingError } from './errors';

/** A value as a message shows it. */
export function show(value: unknown): string {
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function')
    return String(value);
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value)?.slice(0, 80) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** `Array.isArray` without narrowing the argument to `any[]` (which would hide its declared element type). */
export function isList(v: unknown): boolean {
  return Array.isArray(v);
}

/** A plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks that `options` is an object (or `undefined` when `optional`).
 * @throws {TrainingError} `INVALID_OPTION` otherwise.
 */
export function checkOptionsObject(
  where: string,
  options: unknown,
  { optional = false, label = 'options' }: { optional?: boolean; label?: string } = {},
): void {
  if (options === undefined && optional) return;
  if (!isRecord(options))
    throw new TrainingError(
      'INVALID_OPTION',
      `${where}: ${label} must be an object, got ${show(options)}`,
    );
}

/**
 * Checks a list of parameter names.
 * @throws {TrainingError} `INVALID_OPTION` when it is not an array of strings.
 */
export function checkNames(where: string, names: unknown, label = 'names'): void {
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string'))
    throw new TrainingError(
      'INVALID_OPTION',
      `${where}: ${label} must be an array of parameter names, got ${show(names)}`,
    );
}

/**
 * Checks named float32 tensors (parameters or gradients).
 * @throws {TrainingError} `INVALID_OPTION` when it is not an object (or list) of Float32Arrays.
 */
export function checkTensors(where: string, tensors: unknown, label: string): void {
  const values = Array.isArray(tensors)
    ? tensors
    : isRecord(tensors)
      ? Object.values(tensors)
      : null;
  if (values === null || !values.every((v) => v instanceof Float32Array))
    throw new TrainingError(
      'INVALID_OPTION',
      `${where}: ${label} must map names to Float32Arrays, got ${show(tensors)}`,
    );
}

/**
 * Checks a number is finite.
 * @throws {TrainingError} `INVALID_OPTION` otherwise.
 */
export function checkFinite(where: string, label: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new TrainingError(
      'INVALID_OPTION',
      `${where}: ${label} must be a finite number, got ${show(v)}`,
    );
}
