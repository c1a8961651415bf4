/**
 * Cheap checks of a pipeline's options, run before a model folder is opened or a step is trained, so a typo costs
 * an `INVALID_OPTION` naming the option instead of minutes of work and a TypeError (or an ENOTDIR) at the end.
 */
import { statSync } from 'node:fs';
import { isRecord, show } from '../check-args';
import { TrainingError } from '../errors';

/** What an option must be. */
export type OptionRule =
  | 'positiveInteger'
  | 'nonNegativeInteger'
  | 'integer'
  | 'nonNegative'
  | 'maxNorm'
  | 'positive'
  | 'fraction'
  | 'string'
  | 'boolean'
  | readonly string[];

const RULES: Record<Exclude<OptionRule, readonly string[]>, [string, (v: unknown) => boolean]> = {
  positiveInteger: ['an integer >= 1', (v) => Number.isSafeInteger(v) && (v as number) >= 1],
  nonNegativeInteger: ['an integer >= 0', (v) => Number.isSafeInteger(v) && (v as number) >= 0],
  integer: ['an integer', (v) => Number.isSafeInteger(v)],
  nonNegative: ['a finite number >= 0', (v) => Number.isFinite(v) && (v as number) >= 0],
  // Infinity turns clipping off, as in torch's clip_grad_norm_.
  maxNorm: ['a number >= 0 (Infinity: no clipping)', (v) => typeof v === 'number' && v >= 0],
  positive: ['a finite number > 0', (v) => Number.isFinite(v) && (v as number) > 0],
  fraction: [
    'a number in [0, 1]',
    (v) => Number.isFinite(v) && (v as number) >= 0 && (v as number) <= 1,
  ],
  string: ['a string', (v) => typeof v === 'string'],
  boolean: ['a boolean', (v) => typeof v === 'boolean'],
};

/**
 * Checks `options` is an object whose listed keys, when present (always, for `required`), follow their rules.
 * @throws {TrainingError} `INVALID_OPTION` naming the function, the option and its value.
 */
export function checkPipelineOptions(
  where: string,
  options: unknown,
  rules: Readonly<Record<string, OptionRule>>,
  required: readonly string[] = [],
): asserts options is Record<string, unknown> {
  if (!isRecord(options))
    throw new TrainingError(
      'INVALID_OPTION',
      `${where}: options must be an object, got ${show(options)}`,
    );
  for (const [key, rule] of Object.entries(rules)) {
    const v = options[key];
    if (v === undefined && !required.includes(key)) continue;
    const [want, ok] =
      typeof rule === 'string'
        ? RULES[rule]
        : [
            `one of ${rule.map((r) => `'${r}'`).join(', ')}`,
            (x: unknown) => rule.includes(x as string),
          ];
    if (!ok(v))
      throw new TrainingError(
        'INVALID_OPTION',
        `${where}: options.${key} must be ${want}, got ${show(v)}`,
      );
  }
}

/**
 * Checks a split: a non-empty array whose items pass `item` (which names what is wrong, or returns undefined).
 * @throws {TrainingError} `INVALID_OPTION` naming the split and the index.
 */
export function checkSplit(
  where: string,
  name: string,
  split: unknown,
  item: (e: unknown) => string | undefined,
): void {
  if (!Array.isArray(split) || split.length === 0)
    throw new TrainingError(
      'INVALID_OPTION',
      `${where}: options.${name} must be a non-empty array, got ${Array.isArray(split) ? 'an empty one' : show(split)}`,
    );
  for (let i = 0; i < split.length; i++) {
    const why = item(split[i]);
    if (why !== undefined)
      throw new TrainingError('INVALID_OPTION', `${where}: options.${name}[${i}] ${why}`);
  }
}

/** Why a labelled text item is malformed (`text` and optional `textPair` strings), or undefined. */
export function labelledTextProblem(e: unknown): string | undefined {
  if (!isRecord(e)) return `must be { text, label }, got ${show(e)}`;
  if (typeof e['text'] !== 'string') return `.text must be a string, got ${show(e['text'])}`;
  if (e['textPair'] !== undefined && typeof e['textPair'] !== 'string')
    return `.textPair must be a string, got ${show(e['textPair'])}`;
  return undefined;
}

/**
 * Checks that a folder option names a folder or nothing yet (not a file).
 * @throws {TrainingError} `INVALID_OPTION` when the path is a file.
 */
export function checkFolderOption(where: string, name: string, path: unknown): void {
  if (path === undefined) return;
  if (typeof path !== 'string' || path === '')
    throw new TrainingError(
      'INVALID_OPTION',
      `${where}: options.${name} must be a folder path, got ${show(path)}`,
    );
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isDirectory())
    throw new TrainingError(
      'INVALID_OPTION',
      `${where}: options.${name} '${path}' is a file; pass a folder (it is created when missing)`,
    );
}
