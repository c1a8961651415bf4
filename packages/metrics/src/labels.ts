import { MetricsError } from './errors';
import { compareCodePoints, pyNumberStr } from './python-format';
import type { Label } from './types';

/** yTrue and yPred as class indices into `classes` (sorted like numpy's `unique_labels`). */
export interface EncodedLabels {
  classes: Label[];
  kind: 'number' | 'string';
  yTrue: Int32Array;
  yPred: Int32Array;
  /** 'binary' when at most two distinct labels occur, as scikit-learn's `type_of_target`. */
  type: 'binary' | 'multiclass';
}

/** Throws `LENGTH_MISMATCH` like scikit-learn's `check_consistent_length`. */
export function checkLengths(
  fn: string,
  names: readonly string[],
  arrays: readonly (ArrayLike<unknown> | undefined | null)[],
): void {
  const present = arrays.map((a, i) => [names[i] ?? '?', a] as const).filter(([, a]) => a != null);
  const first = present[0];
  if (!first) return;
  const n = (first[1] as ArrayLike<unknown>).length;
  for (const [name, a] of present) {
    if ((a as ArrayLike<unknown>).length !== n) {
      const detail = present
        .map(([nm, x]) => `${nm} has ${(x as ArrayLike<unknown>).length}`)
        .join(', ');
      throw new MetricsError(
        'LENGTH_MISMATCH',
        `${fn}: inconsistent numbers of samples (${detail}); ${name} must have one entry per sample`,
      );
    }
  }
}

/** `Array.isArray` without narrowing a readonly array to `any[]`. */
export function isArray(value: unknown): boolean {
  return Array.isArray(value);
}

type Kind = 'number' | 'string' | 'empty';

/** One pass over an argument: its label kind (numpy turns a number/string mix into strings), range and first non-integer. */
interface Scan {
  kind: Kind;
  mixed: boolean;
  min: number;
  max: number;
  /** Index of the first number that is not an integer (NaN, ±Infinity, 0.5), or −1. */
  nonInteger: number;
}

function scan(fn: string, name: string, values: readonly unknown[]): Scan {
  let hasNumber = false;
  let hasString = false;
  let min = Infinity;
  let max = -Infinity;
  let nonInteger = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') {
      hasNumber = true;
      if (v < min) min = v;
      if (v > max) max = v;
      if ((v | 0) !== v && nonInteger < 0 && !Number.isInteger(v)) nonInteger = i;
    } else if (typeof v === 'string') {
      hasString = true;
    } else {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: ${name}[${i}] is ${v === null ? 'null' : typeof v}; labels must be numbers or strings`,
      );
    }
  }
  const kind: Kind = hasString ? 'string' : hasNumber ? 'number' : 'empty';
  return { kind, mixed: hasString && hasNumber, min, max, nonInteger };
}

function checkIntegers(fn: string, name: string, values: readonly number[], s: Scan): void {
  if (s.nonInteger < 0) return;
  const v = values[s.nonInteger] as number;
  throw new MetricsError(
    'INVALID_INPUT',
    Number.isFinite(v)
      ? `${fn}: ${name}[${s.nonInteger}] is ${v}, a continuous value; classification labels must be integers or strings`
      : `${fn}: ${name}[${s.nonInteger}] is ${v}; labels must be finite (scikit-learn: "Input contains NaN")`,
  );
}

/** Validated labels: both arguments of one kind, numbers integral; numbers with their joint range. */
export interface CheckedLabels {
  kind: 'number' | 'string';
  a: readonly Label[];
  b: readonly Label[];
  min: number;
  max: number;
}

/** scikit-learn's `_check_targets` checks: array, length, label kinds, integer numbers. */
export function checkLabels(
  fn: string,
  yTrue: readonly Label[],
  yPred: readonly Label[],
  names: readonly [string, string] = ['yTrue', 'yPred'],
): CheckedLabels {
  if (!isArray(yTrue)) {
    throw new MetricsError('INVALID_INPUT', `${fn}: ${names[0]} must be an array of labels`);
  }
  if (!isArray(yPred)) {
    throw new MetricsError('INVALID_INPUT', `${fn}: ${names[1]} must be an array of labels`);
  }
  checkLengths(fn, names, [yTrue, yPred]);
  const st = scan(fn, names[0], yTrue);
  const sp = scan(fn, names[1], yPred);
  if (st.kind !== 'empty' && sp.kind !== 'empty' && st.kind !== sp.kind) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: Mix of label input types (string and number): ${names[0]} holds ${st.kind}s and ${names[1]} holds ${sp.kind}s; convert one of them`,
    );
  }
  if (st.kind === 'string' || sp.kind === 'string') {
    const a = st.mixed ? yTrue.map((v) => (typeof v === 'number' ? pyNumberStr(v) : v)) : yTrue;
    const b = sp.mixed ? yPred.map((v) => (typeof v === 'number' ? pyNumberStr(v) : v)) : yPred;
    return { kind: 'string', a, b, min: NaN, max: NaN };
  }
  checkIntegers(fn, names[0], yTrue as readonly number[], st);
  checkIntegers(fn, names[1], yPred as readonly number[], sp);
  return {
    kind: 'number',
    a: yTrue,
    b: yPred,
    min: Math.min(st.min, sp.min),
    max: Math.max(st.max, sp.max),
  };
}

/** Whether numbers span a range small enough for lookup tables instead of Maps. */
export function isDense(c: CheckedLabels): boolean {
  return (
    c.kind === 'number' && c.a.length > 0 && c.max - c.min + 1 <= Math.max(1 << 16, 4 * c.a.length)
  );
}

/**
 * Validates labels like scikit-learn's `_check_targets` + `unique_labels` and encodes them as indices.
 * A JSON array mixing numbers and strings becomes strings (numpy does that); numbers in one argument with
 * strings in the other throw, as scikit-learn's "Mix of label input types (string and number)".
 */
export function encodeLabels(
  fn: string,
  yTrue: readonly Label[],
  yPred: readonly Label[],
  names: readonly [string, string] = ['yTrue', 'yPred'],
): EncodedLabels {
  return encodeChecked(checkLabels(fn, yTrue, yPred, names));
}

/** Encodes labels already validated by {@link checkLabels}. */
export function encodeChecked(c: CheckedLabels): EncodedLabels {
  if (c.kind === 'string') return encodeStrings(c.a as readonly string[], c.b as readonly string[]);
  return encodeNumbers(c.a as readonly number[], c.b as readonly number[], c.min, c.max);
}

function withType(e: Omit<EncodedLabels, 'type'>): EncodedLabels {
  return { ...e, type: e.classes.length <= 2 ? 'binary' : 'multiclass' };
}

function encodeNumbers(
  a: readonly number[],
  b: readonly number[],
  min: number,
  max: number,
): EncodedLabels {
  const n = a.length;
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  if (n === 0) return withType({ classes: [], kind: 'number', yTrue, yPred });
  const span = max - min + 1;
  if (span <= Math.max(1 << 16, 4 * n)) {
    // Dense small integers (the common case): a lookup table instead of a Map.
    const table = new Int32Array(span).fill(-1);
    for (let i = 0; i < n; i++) {
      table[(a[i] as number) - min] = 0;
      table[(b[i] as number) - min] = 0;
    }
    const classes: number[] = [];
    for (let v = 0; v < span; v++) {
      if (table[v] === 0) {
        table[v] = classes.length;
        classes.push(v + min);
      }
    }
    for (let i = 0; i < n; i++) {
      yTrue[i] = table[(a[i] as number) - min] as number;
      yPred[i] = table[(b[i] as number) - min] as number;
    }
    return withType({ classes, kind: 'number', yTrue, yPred });
  }
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    seen.set(a[i] as number, 0);
    seen.set(b[i] as number, 0);
  }
  const classes = [...seen.keys()].sort((x, y) => x - y);
  classes.forEach((c, i) => seen.set(c, i));
  for (let i = 0; i < n; i++) {
    yTrue[i] = seen.get(a[i] as number) as number;
    yPred[i] = seen.get(b[i] as number) as number;
  }
  return withType({ classes, kind: 'number', yTrue, yPred });
}

function encodeStrings(a: readonly string[], b: readonly string[]): EncodedLabels {
  const n = a.length;
  const ids = new Map<string, number>();
  const first: string[] = [];
  const yTrue = new Int32Array(n);
  const yPred = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    let id = ids.get(x);
    if (id === undefined) {
      id = first.length;
      ids.set(x, id);
      first.push(x);
    }
    yTrue[i] = id;
    const y = b[i] as string;
    id = ids.get(y);
    if (id === undefined) {
      id = first.length;
      ids.set(y, id);
      first.push(y);
    }
    yPred[i] = id;
  }
  const classes = [...first].sort(compareCodePoints);
  const remap = new Int32Array(first.length);
  classes.forEach((c, i) => {
    remap[ids.get(c) as number] = i;
  });
  for (let i = 0; i < n; i++) {
    yTrue[i] = remap[yTrue[i] as number] as number;
    yPred[i] = remap[yPred[i] as number] as number;
  }
  return withType({ classes, kind: 'string', yTrue, yPred });
}

/** Index of each label in `classes` (−1 when absent), matching by value like numpy's `searchsorted`. */
export function indexOfLabels(classes: readonly Label[], labels: readonly Label[]): Int32Array {
  const pos = new Map<Label, number>();
  classes.forEach((c, i) => pos.set(c, i));
  const out = new Int32Array(labels.length);
  labels.forEach((l, i) => {
    out[i] = pos.get(l) ?? -1;
  });
  return out;
}

/** Checks a `sampleWeight` option: one finite number per sample. */
export function checkSampleWeight(
  fn: string,
  sampleWeight: readonly number[] | undefined,
  n: number,
): readonly number[] | undefined {
  if (sampleWeight == null) return undefined;
  if (!isArray(sampleWeight) && !ArrayBuffer.isView(sampleWeight)) {
    throw new MetricsError('INVALID_OPTION', `${fn}: sampleWeight must be an array of numbers`);
  }
  if (sampleWeight.length !== n) {
    throw new MetricsError(
      'LENGTH_MISMATCH',
      `${fn}: sampleWeight has ${sampleWeight.length} weights for ${n} samples; pass one weight per sample`,
    );
  }
  for (let i = 0; i < n; i++) {
    const w = sampleWeight[i];
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new MetricsError(
        'INVALID_OPTION',
        `${fn}: sampleWeight[${i}] is ${String(w)}; weights must be finite numbers`,
      );
    }
  }
  return sampleWeight;
}
