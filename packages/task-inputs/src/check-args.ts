// Internal: argument checks for the public functions, so a caller passing `undefined`, a number or a half-built
// object gets a TaskInputError naming the argument instead of a TypeError from deep inside.
import { TaskInputError } from './errors';

/** A short description of a value for messages: its type, and the value itself when it is small. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `the ${typeof value} ${String(value)}`;
    case 'function':
      return 'a function';
    default:
      return 'an object';
  }
}

function fail(fn: string, what: string, expected: string, value: unknown): never {
  throw new TaskInputError(
    'INVALID_INPUT',
    `${fn}: ${what} must be ${expected}, got ${describeValue(value)}`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `tokenizer` has `encode` and `tokenToId` functions (the TokenizerLike shape). */
export function checkTokenizer(tokenizer: unknown, fn: string): void {
  if (
    (typeof tokenizer !== 'object' && typeof tokenizer !== 'function') ||
    tokenizer === null ||
    typeof (tokenizer as Record<string, unknown>)['encode'] !== 'function' ||
    typeof (tokenizer as Record<string, unknown>)['tokenToId'] !== 'function'
  ) {
    fail(fn, 'tokenizer', 'an object with encode() and tokenToId() (TokenizerLike)', tokenizer);
  }
}

/** `value` is a text: a string, or a pre-tokenized `{ ids: number[], offsets? }`. */
export function checkText(value: unknown, what: string, fn: string): void {
  if (typeof value === 'string') return;
  if (isObject(value) && Array.isArray(value['ids'])) {
    const bad = (value['ids'] as unknown[]).findIndex((id) => typeof id !== 'number');
    if (bad >= 0) fail(fn, `${what}.ids[${bad}]`, 'a number', (value['ids'] as unknown[])[bad]);
    const offsets = value['offsets'];
    if (offsets !== undefined && !Array.isArray(offsets))
      fail(fn, `${what}.offsets`, 'an array of [start, end]', offsets);
    return;
  }
  fail(fn, what, 'a string or a pre-tokenized { ids: number[] }', value);
}

/** `value` is a string. */
export function checkString(value: unknown, what: string, fn: string): void {
  if (typeof value !== 'string') fail(fn, what, 'a string', value);
}

/** `value` is an array. */
export function checkArray(value: unknown, what: string, fn: string): asserts value is unknown[] {
  if (!Array.isArray(value)) fail(fn, what, 'an array', value);
}

/** `value` is an object (not an array); `undefined` passes unless `required`. */
export function checkObject(value: unknown, what: string, fn: string, required = false): void {
  if (value === undefined && !required) return;
  if (!isObject(value)) fail(fn, what, 'an object', value);
}

/** `value` is an integer. */
export function checkInteger(value: unknown, what: string, fn: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(fn, what, 'an integer', value);
}

/** `value` is a token: a vocabulary string or an id. */
export function checkToken(value: unknown, what: string, fn: string): void {
  if (typeof value !== 'string' && typeof value !== 'number')
    fail(fn, what, 'a token string or id', value);
}

/** `value` is an encoded sequence: an object with an `ids` array (and, when present, array fields). */
export function checkIdsObject(value: unknown, what: string, fn: string): void {
  if (!isObject(value) || !Array.isArray(value['ids']))
    fail(fn, what, 'an object with an ids array', value);
}
