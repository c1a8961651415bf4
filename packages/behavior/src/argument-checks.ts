import { BehaviorError } from './errors';

// Internal: the entry-point checks of the package. A wrong type used to surface as a TypeError from deep inside
// (`text.normalize is not a function`, `rng is not a function`) that named neither the function nor the argument.

/** How a value shows in an error message (bigints, symbols and functions included, which JSON cannot show). */
export function describeValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || typeof value === 'function') return String(value);
  if (Array.isArray(value)) return 'an array';
  return JSON.stringify(value) ?? String(value);
}

/** `Array.isArray` without narrowing: a typed parameter narrowed by it becomes `any[]` for the rest of the body. */
export function isList(value: unknown): boolean {
  return Array.isArray(value);
}

function fail(where: string, wanted: string, value: unknown): never {
  throw new BehaviorError(
    'INVALID_OPTION',
    `${where} must be ${wanted}, got ${describeValue(value)}`,
  );
}

export function checkString(where: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') fail(where, 'a string', value);
}

export function checkFunction(where: string, value: unknown): void {
  if (typeof value !== 'function') fail(where, 'a function', value);
}

/** A plain object (an options bag or a spec): not null, not an array. */
export function checkObject(where: string, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    fail(where, 'an object', value);
}

/** `value` as a record of unknown fields, once `checkObject` holds: for reading fields of unchecked input. */
export function asRecord(where: string, value: unknown): Record<string, unknown> {
  checkObject(where, value);
  return value as Record<string, unknown>;
}

/** `undefined` (all defaults) or an object. */
export function checkOptions(where: string, value: unknown): void {
  if (value !== undefined) checkObject(where, value);
}

export function checkStrings(where: string, value: unknown): asserts value is readonly string[] {
  if (!Array.isArray(value)) fail(where, 'an array of strings', value);
  for (let i = 0; i < value.length; i++) checkString(`${where}[${i}]`, value[i]);
}

/** The arguments every perturbation takes: a text and a generator of draws in [0, 1). */
export function checkPerturbationArgs(fn: string, text: unknown, rng: unknown): void {
  checkString(`${fn}: text`, text);
  checkFunction(`${fn}: rng`, rng);
}
