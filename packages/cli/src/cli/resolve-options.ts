import { isAbsolute, resolve } from 'node:path';
import { CliError } from './errors';
import { flagName } from './option-values';
import type { OptionScalar } from './option-values';
import type { AnyCommand, ArgumentSpec, OptionValues, OptionSpecs } from './types';

type Values = Readonly<Record<string, OptionScalar | OptionScalar[]>>;

/**
 * Final option values: each option's default, overridden by the config file, overridden by the command line.
 * Booleans default to `false`, `multiple` options to `[]`; a path's default is resolved against `cwd`.
 * @throws {CliError} `MISSING_OPTION` naming the first required option that is still unset.
 */
export function mergeOptions<O extends OptionSpecs>(
  specs: O,
  fromConfig: Values,
  fromFlags: Values,
  prog: string,
  cwd: string,
): OptionValues<O> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const fallback =
      spec.type === 'path' && spec.default !== undefined && !isAbsolute(spec.default)
        ? resolve(cwd, spec.default)
        : spec.default;
    const value =
      fromFlags[key] ??
      fromConfig[key] ??
      fallback ??
      (spec.multiple ? [] : spec.type === 'boolean' ? false : undefined);
    if (spec.required && (value === undefined || (Array.isArray(value) && value.length === 0))) {
      throw new CliError(
        'MISSING_OPTION',
        `${prog}: --${flagName(key)} is required${spec.description ? ` (${spec.description})` : ''}`,
      );
    }
    out[key] = value;
  }
  return out as OptionValues<O>;
}

/**
 * Checks the number of positional arguments against the command's argument specs.
 * @throws {CliError} `MISSING_ARGUMENT` naming the missing one, `TOO_MANY_ARGUMENTS` naming the extra one.
 */
export function checkPositionals(
  command: AnyCommand,
  positionals: readonly string[],
  prog: string,
): void {
  const specs: readonly ArgumentSpec[] = command.arguments ?? [];
  const variadic = specs[specs.length - 1]?.variadic === true;
  specs.forEach((spec, i) => {
    if (spec.required && positionals.length <= i) {
      throw new CliError('MISSING_ARGUMENT', `${prog}: missing ${spec.name} (${spec.description})`);
    }
  });
  if (!variadic && positionals.length > specs.length) {
    const extra = positionals[specs.length] as string;
    throw new CliError(
      'TOO_MANY_ARGUMENTS',
      `${prog}: unexpected argument ${JSON.stringify(extra)}; this command takes ${specs.length === 0 ? 'no arguments' : specs.map((s) => s.name).join(' ')}`,
    );
  }
}
