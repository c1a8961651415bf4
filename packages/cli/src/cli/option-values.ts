import { isAbsolute, resolve } from 'node:path';
import { CliError } from './errors';
import type { OptionSpec } from './types';

/** The flag of an option key: `maxLength` → `max-length`. */
export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The option key of a flag or config key: `max-length` → `maxLength` (camelCase keys pass through). */
export function optionKey(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A scalar value an option may hold. */
export type OptionScalar = string | number | boolean;

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : `${String(value)} (${typeof value})`;
}

function checkScalar(
  spec: OptionSpec,
  value: OptionScalar,
  where: string,
  baseDir: string,
): OptionScalar {
  const bad = (expected: string): never => {
    throw new CliError('INVALID_OPTION', `${where}: expected ${expected}, got ${describe(value)}`);
  };
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : bad('true or false');
    case 'string':
      if (typeof value !== 'string') return bad('a string');
      if (spec.choices && !spec.choices.includes(value))
        return bad(`one of ${spec.choices.join(', ')}`);
      return value;
    case 'path':
      if (typeof value !== 'string' || value === '') return bad('a path');
      return isAbsolute(value) ? value : resolve(baseDir, value);
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('a number');
      if (spec.type === 'integer' && !Number.isInteger(value)) return bad('an integer');
      if (spec.min !== undefined && value < spec.min) return bad(`a number ≥ ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) return bad(`a number ≤ ${spec.max}`);
      return value;
    }
    default: {
      const never: never = spec;
      throw new Error(`unknown option type ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Converts a command-line value (always text) to the option's type.
 * @param where names the flag in messages (`nlpft predict: --batch-size`).
 * @throws {CliError} `INVALID_OPTION` naming the flag, the value and what was expected.
 */
export function valueFromFlag(
  spec: OptionSpec,
  raw: string,
  where: string,
  cwd: string,
): OptionScalar {
  if (spec.type === 'number' || spec.type === 'integer') {
    // Number('') is 0 and Number(' 1') is 1; accept only what looks like a number.
    const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw.trim()) ? Number(raw) : NaN;
    if (Number.isNaN(n)) {
      throw new CliError(
        'INVALID_OPTION',
        `${where}: expected ${spec.type === 'integer' ? 'an integer' : 'a number'}, got ${JSON.stringify(raw)}`,
      );
    }
    return checkScalar(spec, n, where, cwd);
  }
  return checkScalar(spec, raw, where, cwd);
}

/**
 * Checks a value read from a config file (JSON/YAML types, not text): a list for a `multiple` option (a single
 * value is taken as a list of one), relative paths against the config file's folder.
 * @throws {CliError} `INVALID_OPTION` naming the file and key.
 */
export function valueFromConfig(
  spec: OptionSpec,
  value: unknown,
  where: string,
  configDir: string,
): OptionScalar | OptionScalar[] {
  const scalar = (v: unknown, at: string): OptionScalar => {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw new CliError(
        'INVALID_OPTION',
        `${at}: expected a ${spec.type === 'path' ? 'path' : spec.type}, got ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}`,
      );
    }
    return checkScalar(spec, v, at, configDir);
  };
  if (spec.multiple) {
    return Array.isArray(value)
      ? value.map((v, i) => scalar(v, `${where}[${i}]`))
      : [scalar(value, where)];
  }
  return scalar(value, where);
}
