/**
 * Argument checks at the package's entry points: a wrong type or an out-of-range number becomes an
 * `INVALID_OPTION` (an option's value) or `INVALID_INPUT` (a positional argument) OnnxError naming the function, the
 * argument and the value, before any work starts (otherwise a `null` options object surfaces as a TypeError deep
 * inside, and a NaN size as a NaN tensor).
 */
import { OnnxError } from './errors';
import type { OnnxErrorCode } from './errors';
import { Graph } from './graph';

/** What a rule accepts; a string array is a list of allowed strings. */
export type Rule =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'positiveInteger'
  | 'nonNegativeInteger'
  | 'finite'
  | 'nonNegative'
  | 'positive'
  | 'probability'
  | 'stringList'
  | 'object'
  | readonly string[];

/** A value as a message shows it (JSON where it can, so strings keep their quotes). */
export function show(value: unknown): string {
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function')
    return String(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  try {
    return JSON.stringify(value)?.slice(0, 80) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * The code for a bad value named `label`: an option (a field of `options`, `config` or dropout `rates`, or the options
 * object itself) is `INVALID_OPTION`, anything else a positional argument, `INVALID_INPUT`, as in the other packages.
 */
function codeFor(label: string): OnnxErrorCode {
  return /^(options|config|rates)\b/.test(label) ? 'INVALID_OPTION' : 'INVALID_INPUT';
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function expected(rule: Rule): string {
  if (typeof rule !== 'string') return `one of ${rule.map((r) => `'${r}'`).join(', ')}`;
  return {
    string: 'a string',
    boolean: 'a boolean',
    integer: 'an integer',
    positiveInteger: 'a positive integer',
    nonNegativeInteger: 'an integer >= 0',
    finite: 'a finite number',
    nonNegative: 'a finite number >= 0',
    positive: 'a finite number > 0',
    probability: 'a probability in [0, 1)',
    stringList: 'an array of strings',
    object: 'an object',
  }[rule];
}

function passes(rule: Rule, v: unknown): boolean {
  if (typeof rule !== 'string') return typeof v === 'string' && rule.includes(v);
  switch (rule) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return isInt(v);
    case 'positiveInteger':
      return isInt(v) && v >= 1;
    case 'nonNegativeInteger':
      return isInt(v) && v >= 0;
    case 'finite':
      return isNum(v);
    case 'nonNegative':
      return isNum(v) && v >= 0;
    case 'positive':
      return isNum(v) && v > 0;
    case 'probability':
      return isNum(v) && v >= 0 && v < 1;
    case 'stringList':
      return Array.isArray(v) && v.every((s) => typeof s === 'string');
    case 'object':
      return isRecord(v);
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
 * Checks one argument against a rule.
 * @throws {OnnxError} `INVALID_OPTION` or `INVALID_INPUT` (see {@link codeFor}) naming `where` and `label`.
 */
export function checkArg(where: string, label: string, value: unknown, rule: Rule): void {
  if (!passes(rule, value)) {
    throw new OnnxError(
      codeFor(label),
      `${where}: ${label} must be ${expected(rule)}, got ${show(value)}`,
    );
  }
}

/**
 * Checks an options object: `undefined` or a plain object whose listed keys, when present (or when `required`),
 * follow their rules. Unlisted keys are left alone.
 * @throws {OnnxError} `INVALID_OPTION` naming the option and its value (`INVALID_INPUT` under another `label`).
 */
export function checkOptions(
  where: string,
  options: unknown,
  rules: Readonly<Record<string, Rule>>,
  { required = [], label = 'options' }: { required?: readonly string[]; label?: string } = {},
): void {
  if (options === undefined && required.length === 0) return;
  if (!isRecord(options)) {
    throw new OnnxError(
      codeFor(label),
      `${where}: ${label} must be an object, got ${show(options)}`,
    );
  }
  for (const [key, rule] of Object.entries(rules)) {
    const v = options[key];
    if (v === undefined && !required.includes(key)) continue;
    checkArg(where, `${label}.${key}`, v, rule);
  }
}

/** A Graph from another copy of this package (its ESM and CJS builds side by side) fails `instanceof`. */
function isGraphShaped(v: unknown): boolean {
  return (
    isRecord(v) &&
    Array.isArray(v['nodes']) &&
    Array.isArray(v['inputs']) &&
    Array.isArray(v['outputs']) &&
    v['initializers'] instanceof Map &&
    typeof v['clone'] === 'function'
  );
}

/**
 * Checks that `graph` is a {@link Graph}.
 * @throws {OnnxError} `INVALID_INPUT` otherwise.
 */
export function checkGraph(where: string, graph: unknown, label = 'graph'): asserts graph is Graph {
  if (!(graph instanceof Graph) && !isGraphShaped(graph)) {
    throw new OnnxError(
      codeFor(label),
      `${where}: ${label} must be a Graph (graphFromModel(readModel(bytes))), got ${show(graph)}`,
    );
  }
}

/**
 * Checks a shape: an array of integer sizes >= 0.
 * @throws {OnnxError} `INVALID_INPUT` naming the bad entry.
 */
export function checkDims(where: string, label: string, dims: unknown): asserts dims is number[] {
  if (!Array.isArray(dims)) {
    throw new OnnxError(
      codeFor(label),
      `${where}: ${label} must be an array of sizes, got ${show(dims)}`,
    );
  }
  dims.forEach((d, i) => checkArg(where, `${label}[${i}]`, d, 'nonNegativeInteger'));
}

const DATA_TYPES: readonly string[] = [
  'float32',
  'float64',
  'float16',
  'bfloat16',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'bool',
  'string',
];

/**
 * Checks a {@link Tensor}-shaped value: a string name, a known type, dims of sizes >= 0 and a typed array
 * (or a string array) as data. Whether the data fits the dims is the caller's check (`INVALID_TENSOR`).
 * @throws {OnnxError} `INVALID_INPUT` naming the bad field.
 */
export function checkTensor(where: string, label: string, tensor: unknown): void {
  checkOptions(
    where,
    tensor,
    { name: 'string', type: DATA_TYPES },
    {
      label,
      required: ['name', 'type'],
    },
  );
  const t = tensor as Record<string, unknown>;
  checkDims(where, `${label}.dims`, t['dims']);
  checkData(where, `${label}.data`, t['data']);
}

/**
 * Checks tensor values: a typed array, or an array of strings.
 * @throws {OnnxError} `INVALID_INPUT` otherwise.
 */
export function checkData(where: string, label: string, data: unknown): void {
  const ok =
    (ArrayBuffer.isView(data) && !(data instanceof DataView)) ||
    (Array.isArray(data) && data.every((s) => typeof s === 'string'));
  if (!ok) {
    throw new OnnxError(
      codeFor(label),
      `${where}: ${label} must be a typed array (or an array of strings), got ${show(data)}`,
    );
  }
}

/**
 * Checks a value shape: an array of sizes >= 0, symbolic names, or `undefined` (unknown dims).
 * @throws {OnnxError} `INVALID_INPUT` naming the bad dim.
 */
export function checkShape(where: string, label: string, shape: unknown): void {
  if (!Array.isArray(shape)) {
    throw new OnnxError(
      codeFor(label),
      `${where}: ${label} must be an array of dims, got ${show(shape)}`,
    );
  }
  shape.forEach((d: unknown, i) => {
    if (d !== undefined && typeof d !== 'string')
      checkArg(where, `${label}[${i}]`, d, 'nonNegativeInteger');
  });
}

/**
 * Checks a value reference: a name, or an object with a string `name` (a `ValueInfo`).
 * @throws {OnnxError} `INVALID_INPUT` otherwise.
 */
export function checkValueLike(where: string, label: string, value: unknown): void {
  if (typeof value === 'string') return;
  if (isRecord(value) && typeof value['name'] === 'string') return;
  throw new OnnxError(
    codeFor(label),
    `${where}: ${label} must be a value name or a ValueInfo, got ${show(value)}`,
  );
}

export { DATA_TYPES };
