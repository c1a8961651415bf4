import { MetricsError } from './errors';

/** `typeof`, with `null` and arrays told apart, for messages. @internal */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/**
 * Rejects a text argument that is not a string: `tokenize13a(0)` used to fail inside `String.prototype`
 * methods with a TypeError that named neither the function nor the argument.
 * @throws {MetricsError} `INVALID_INPUT` naming the function and the argument.
 * @internal
 */
export function checkString(fn: string, name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: ${name} must be a string, got ${describeType(value)}`,
    );
  }
}

/**
 * Rejects an options argument that is not an object (`null`, a number); `undefined` is the caller's default.
 * @throws {MetricsError} `INVALID_OPTION` naming the function.
 * @internal
 */
/**
 * A value as an error message shows it: JSON where JSON can say it, else its own text. `JSON.stringify(10n)`
 * throws a TypeError, so a bigint option used to escape as one instead of the error naming it.
 * @internal
 */
export function quoteValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return String(value);
  return JSON.stringify(value) ?? String(value);
}

export function checkOptionsObject(fn: string, options: unknown): void {
  if (options === null || typeof options !== 'object') {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: options must be an object, got ${describeType(options)}`,
    );
  }
}

/**
 * Reads the column sums a `…FromTotals` function scores: an array-like of `width` finite, non-negative numbers.
 * `terFromTotals(['\0', 0])` used to coerce the string, and a negative count reached a logarithm as NaN.
 * @throws {MetricsError} `INVALID_INPUT` naming the function, the bad index and its value.
 * @internal
 */
export function readTotals(
  fn: string,
  totals: ArrayLike<number>,
  width: number,
  needs: string,
): number[] {
  if (totals === null || typeof totals !== 'object' || typeof totals.length !== 'number') {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: totals must be an array of numbers (${needs}), got ${describeType(totals)}`,
    );
  }
  if (totals.length !== width) {
    throw new MetricsError('INVALID_INPUT', `${fn}: totals has ${totals.length} numbers; ${needs}`);
  }
  const out = new Array<number>(width);
  for (let i = 0; i < width; i++) {
    const v = totals[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: totals[${i}] is ${typeof v === 'number' ? String(v) : describeType(v)}; ` +
          'every total must be a finite, non-negative number',
      );
    }
    out[i] = v;
  }
  return out;
}
