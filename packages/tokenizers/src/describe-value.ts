import { TokenizerError } from './errors';

/** A short description of a value for an error message: `null`, `an array`, `the string "…"`, `number NaN`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 40))}`;
  if (typeof v === 'object' || typeof v === 'function') return `an ${typeof v}`;
  if (typeof v === 'number') return `number ${String(v)}`;
  // JSON.stringify throws a TypeError on a bigint.
  if (typeof v === 'bigint') return `bigint ${String(v)}n`;
  return `${typeof v} ${typeof v === 'symbol' ? v.toString() : (JSON.stringify(v) ?? 'undefined')}`;
}

/**
 * Throws `INVALID_FIELD` naming the JSON path unless `json` is a (non-array) object: a component of a
 * `tokenizer.json` that is `null`, a number or missing would otherwise fail later as a bare `TypeError`.
 */
export function expectComponentObject(json: unknown, path: string, kind: string): void {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TokenizerError(
      'INVALID_FIELD',
      `${path}: expected a ${kind} object with a "type", got ${describeValue(json)}`,
    );
  }
}
