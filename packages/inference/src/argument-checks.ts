// Argument checks shared by every public entry point: a wrong type or an out-of-range value becomes an InferenceError
// naming the function, the argument and the value, before any tensor is built or any model runs.
import { InferenceError } from './errors';
import type {
  BatchOptions,
  ModelRunner,
  RunOptions,
  TensorLike,
  TensorMap,
  ValueInfo,
} from './types';

/**
 * A value as a message shows it: JSON where that works (strings keep their quotes), else `String` (bigints,
 * symbols, functions, `NaN`, cycles). Never throws, so building a message cannot replace the error it reports.
 */
export function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'symbol' || typeof value === 'function') return String(value);
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    // a cycle or a bigint inside: fall through
  }
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** An error of `code` in the one form argument checks use: the function, the argument, the rule and the value. */
function mustBe(
  code: 'INVALID_INPUT' | 'INVALID_OPTION',
): (task: string, what: string, rule: string, value: unknown) => InferenceError {
  return (task, what, rule, value) =>
    new InferenceError(code, `${task}: ${what} must be ${rule}, got ${shown(value)}`);
}

/** `INVALID_INPUT`: a positional argument (texts, ids, a model, a tokenizer) that is not what the function takes. */
export const invalidInput = mustBe('INVALID_INPUT');

/** `INVALID_OPTION` naming the option, the rule and the value. */
export const invalidOption = mustBe('INVALID_OPTION');

/** A plain options object (undefined reads as `{}`); anything else is `INVALID_OPTION`. */
export function optionsObject<T extends object>(options: T | undefined, task: string): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw invalidOption(task, 'options', 'an object', options);
  return options;
}

/** An integer option in `[min, max]`, or `undefined` when not given. */
export function integerOption(
  task: string,
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in ${min}..${max}`;
    throw invalidOption(task, name, `an integer ${range}`, value);
  }
  return value;
}

/** A boolean option, or `undefined` when not given. */
export function booleanOption(task: string, name: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean')
    throw invalidOption(task, name, 'true or false', value);
  return value;
}

/** One of `values`, or `undefined` when not given. */
export function oneOfOption<T extends string>(
  task: string,
  name: string,
  value: unknown,
  values: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(values as readonly unknown[]).includes(value))
    throw invalidOption(
      task,
      name,
      values
        .map((v) => `'${v}'`)
        .join(', ')
        .replace(/, ([^,]*)$/, ' or $1'),
      value,
    );
  return value as T;
}

/** Whether a value has the members of an `AbortSignal` that runs read (`aborted`, `addEventListener`). */
function isSignal(value: unknown): value is AbortSignal {
  const s = value as Partial<AbortSignal> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.aborted === 'boolean' &&
    typeof s.addEventListener === 'function' &&
    typeof s.removeEventListener === 'function'
  );
}

/** `signal`, when given, must be an `AbortSignal`. */
export function checkRunOptions(options: RunOptions, task: string): void {
  if (options.signal !== undefined && !isSignal(options.signal))
    throw invalidOption(task, 'signal', 'an AbortSignal', options.signal);
}

/**
 * Batch options: `batchSize` and `maxTokens` positive integers, `maxBatchBytes` a positive number (`Infinity` for no
 * cap), `signal` an `AbortSignal`.
 */
export function checkBatchOptions(options: BatchOptions & RunOptions, task: string): void {
  integerOption(task, 'batchSize', options.batchSize, 1);
  integerOption(task, 'maxTokens', options.maxTokens, 1);
  const bytes: unknown = options.maxBatchBytes;
  if (bytes !== undefined && (typeof bytes !== 'number' || !(bytes > 0)))
    throw invalidOption(task, 'maxBatchBytes', 'a positive number of bytes', bytes);
  checkRunOptions(options, task);
}

/** A string argument. */
export function checkString(value: unknown, what: string, task: string): asserts value is string {
  if (typeof value !== 'string') throw invalidInput(task, what, 'a string', value);
}

/** An array (holes read as `undefined`, so a sparse array fails on its first hole). */
export function checkArray(
  value: unknown,
  what: string,
  task: string,
): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) throw invalidInput(task, what, 'an array', value);
}

/** Asserts that `value` (argument `what` of `task`) is an array of `T`. */
export type ArrayCheck<T> = (
  value: unknown,
  what: string,
  task: string,
) => asserts value is readonly T[];

/**
 * The check of an array whose every element passes `checkItem`, which gets the element, its name (`what[i]`) and the
 * task; the first failing element throws.
 */
export function arrayOf<T>(
  checkItem: (item: unknown, name: string, task: string) => void,
): ArrayCheck<T> {
  return (value, what, task) => {
    checkArray(value, what, task);
    for (let i = 0; i < value.length; i++) checkItem(value[i], `${what}[${i}]`, task);
  };
}

/** An array of strings. */
export const checkStrings: ArrayCheck<string> = arrayOf(checkString);

/** An array of integer token ids (any sign: range checks against the model come later). */
export const checkIdList: ArrayCheck<number> = arrayOf((id, name, task) => {
  if (typeof id !== 'number' || !Number.isSafeInteger(id))
    throw invalidInput(task, name, 'an integer token id', id);
});

/** Value infos as the model reports them: objects with a string `name`. */
export function checkValueInfos(values: unknown, what: string, task: string): void {
  checkArray(values, what, task);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as Partial<ValueInfo> | null;
    if (typeof v !== 'object' || v === null)
      throw invalidInput(task, `${what}[${i}]`, 'a { name, type, shape } object', v);
    checkString(v.name, `${what}[${i}].name`, task);
  }
}

/** Something with the `ModelRunner` members the tasks read (`io`, `inputs`, `outputs`, `run`). */
export function checkModelRunner(model: unknown, task: string): asserts model is ModelRunner {
  const m = model as Partial<ModelRunner> | null;
  if (
    typeof m !== 'object' ||
    m === null ||
    typeof m.io !== 'object' ||
    m.io === null ||
    !Array.isArray(m.inputs) ||
    !Array.isArray(m.outputs) ||
    typeof m.run !== 'function'
  )
    throw invalidInput(task, 'model', 'a model from createSession or createWorkerPool', model);
  checkValueInfos(m.inputs, 'model.inputs', task);
  checkValueInfos(m.outputs, 'model.outputs', task);
}

/** Something with the tokenizer methods a task calls (`encode`, `tokenToId`, and `decode` when `decodes`). */
export function checkTokenizer(tokenizer: unknown, task: string, decodes = false): void {
  const t = tokenizer as Record<string, unknown> | null;
  const ok =
    typeof t === 'object' &&
    t !== null &&
    typeof t['encode'] === 'function' &&
    typeof t['tokenToId'] === 'function' &&
    (!decodes || typeof t['decode'] === 'function');
  if (!ok) {
    const methods = decodes ? 'encode, tokenToId and decode' : 'encode and tokenToId';
    throw invalidInput(task, 'tokenizer', `an object with ${methods} methods`, tokenizer);
  }
}

const TENSOR_ARRAYS = {
  int64: BigInt64Array,
  int32: Int32Array,
  float32: Float32Array,
  float16: Uint16Array,
  bool: Uint8Array,
} as const;

/** A {@link TensorLike}: a known `type`, its typed array, and non-negative integer `dims` whose product is the length. */
export function checkTensor(
  tensor: unknown,
  what: string,
  task: string,
): asserts tensor is TensorLike {
  const t = tensor as Partial<TensorLike> | null;
  if (typeof t !== 'object' || t === null)
    throw invalidInput(task, what, 'a tensor { type, data, dims }', tensor);
  const type = t.type as keyof typeof TENSOR_ARRAYS;
  const ctor = Object.hasOwn(TENSOR_ARRAYS, type) ? TENSOR_ARRAYS[type] : undefined;
  if (ctor === undefined)
    throw invalidInput(task, `${what}.type`, Object.keys(TENSOR_ARRAYS).join(', '), t.type);
  if (!(t.data instanceof ctor))
    throw invalidInput(task, `${what}.data`, `a ${ctor.name} for type ${type}`, t.data);
  const dims: unknown = t.dims;
  checkArray(dims, `${what}.dims`, task);
  let size = 1;
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0)
      throw invalidInput(task, `${what}.dims[${i}]`, 'a non-negative integer', d);
    size *= d;
  }
  if (size !== t.data.length)
    throw invalidInput(
      task,
      `${what}.dims`,
      `dimensions whose product is data.length ${t.data.length}`,
      dims,
    );
}

/** Feeds: an object whose tensors under the model's input `names` are well-formed (others are never read). */
export function checkFeeds(
  feeds: unknown,
  names: readonly string[],
  task: string,
): asserts feeds is TensorMap {
  if (typeof feeds !== 'object' || feeds === null || Array.isArray(feeds))
    throw invalidInput(task, 'feeds', 'an object of tensors keyed by input name', feeds);
  const map = feeds as Record<string, unknown>;
  for (const name of names)
    if (map[name] !== undefined) checkTensor(map[name], `feeds.${name}`, task);
}

/** An option that is an array of strings (non-empty ones with `nonEmpty`), or `undefined` when not given. */
export function stringsOption(
  task: string,
  name: string,
  value: unknown,
  nonEmpty = false,
): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const rule = nonEmpty ? 'an array of non-empty strings' : 'an array of strings';
  if (!Array.isArray(value)) throw invalidOption(task, name, rule, value);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'string' || (nonEmpty && v === ''))
      throw invalidOption(task, `${name}[${i}]`, nonEmpty ? 'a non-empty string' : 'a string', v);
  }
  return value as readonly string[];
}

/** An option that is an array of integer token ids, or `undefined` when not given. */
export function idsOption(
  task: string,
  name: string,
  value: unknown,
): readonly number[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidOption(task, name, 'an array of token ids', value);
  for (let i = 0; i < value.length; i++)
    integerOption(task, `${name}[${i}]`, value[i], -(2 ** 31), 2 ** 31 - 1);
  return value as readonly number[];
}

/** A token id option (a 32-bit integer, as tensors are written), or `undefined` when not given. */
export function tokenIdOption(
  task: string,
  name: string,
  value: unknown,
  min = 0,
): number | undefined {
  return integerOption(task, name, value, min, 2 ** 31 - 1);
}
