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
      const detail = present.map(([nm, x]) => `${nm} has ${(x as ArrayLike<unknown>).length}`).join(', ');
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

/** The label kind of one array; numpy turns an array that mixes numbers and strings into strings. */
function kindOf(fn: string, name: string, values: readonly unknown[]): { kind: Kind; mixed: boolean } {
  let hasNumber = false;
  let hasString = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') {
      if (!hasNumber) hasNumber = true;
    } else if (typeof v === 'string') {
      if (!hasString) hasString = true;
    } else {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: ${name}[${i}] is ${v === null ? 'null' : typeof v}; labels must be numbers or strings`,
      );
    }
  }
  if (hasString) return { kind: 'string', mixed: hasNumber };
  return { kind: hasNumber ? 'number' : 'empty', mixed: false };
}

function checkNumbers(fn: string, name: string, values: readonly number[]): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v)) {
      throw new MetricsError(
        'INVALID_INPUT',
        Number.isFinite(v)
          ? `${fn}: ${name}[${i}] is ${v}, a continuous value; classification labels must be integers or strings`
          : `${fn}: ${name}[${i}] is ${v}; labels must be finite (scikit-learn: "Input contains NaN")`,
      );
    }
  }
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
  if (!isArray(yTrue)) {
    throw new MetricsError('INVALID_INPUT', `${fn}: ${names[0]} must be an array of labels`);
  }
  if (!isArray(yPred)) {
    throw new MetricsError('INVALID_INPUT', `${fn}: ${names[1]} must be an array of labels`);
  }
  checkLengths(fn, names, [yTrue, yPred]);
  const kt = kindOf(fn, names[0], yTrue);
  const kp = kindOf(fn, names[1], yPred);
  const a = kt.mixed ? yTrue.map((v) => (typeof v === 'number' ? pyNumberStr(v) : v)) : yTrue;
  const b = kp.mixed ? yPred.map((v) => (typeof v === 'number' ? pyNumberStr(v) : v)) : yPred;
  if (kt.kind !== 'empty' && kp.kind !== 'empty' && kt.kind !== kp.kind) {
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: Mix of label input types (string and number): ${names[0]} holds ${kt.kind}s and ${names[1]} holds ${kp.kind}s; convert one of them`,
    );
  }
  if (kt.kind === 'string' || kp.kind === 'string') {
    return encodeStrings(a as readonly string[], b as readonly string[]);
  }
  checkNumbers(fn, names[0], a as readonly number[]);
  checkNumbers(fn, names[1], b as readonly number[]);
  return encodeNumbers(a as readonly number[], b as readonly number[]);
}

function withType(e: Omit<EncodedLabels, 'type'>): EncodedLabels {
  return { ...e, type: e.classes.length <= 2 ? 'binary' : 'multiclass' };
}

function encodeNumbers(a: readonly number[], b: readonly number[]): EncodedLabels {
  const n = a.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x < min) min = x;
    if (x > max) max = x;
    if (y < min) min = y;
    if (y > max) max = y;
  }
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
