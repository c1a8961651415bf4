import { CliError } from './errors';
import { flagName, valueFromFlag } from './option-values';
import type { OptionScalar } from './option-values';
import { didYouMean } from './suggest';
import type { AnyCommand, OptionSpec } from './types';

/** What the command line said: only the options given explicitly, before config and defaults are merged in. */
export interface ParsedArgv {
  readonly values: Readonly<Record<string, OptionScalar | OptionScalar[]>>;
  readonly positionals: readonly string[];
  /** `-h`/`--help` was given. */
  readonly help: boolean;
  /** `--config FILE`, absolute. */
  readonly config: string | undefined;
}

/** The options every command has, apart from its own. */
export const HELP_OPTION: OptionSpec = {
  type: 'boolean',
  short: 'h',
  description: 'show this help',
};
export const CONFIG_OPTION: OptionSpec = {
  type: 'path',
  valueName: 'FILE',
  description: 'read option defaults from a JSON or YAML file; flags given here win',
};

/**
 * Parses one command's arguments: `--name value`, `--name=value`, `-x value`, `--flag`, `--no-flag`, repeated
 * `multiple` options, `--` ending the options. `-` alone is a positional (stdin).
 * @param prog the command as typed (`nlpft eval bleu`), for messages.
 * @throws {CliError} `UNKNOWN_OPTION` (with a "did you mean"), `MISSING_VALUE`, `INVALID_OPTION`.
 */
export function parseArgv(
  argv: readonly string[],
  command: AnyCommand,
  prog: string,
  cwd: string,
): ParsedArgv {
  const specs = new Map<string, [key: string, spec: OptionSpec]>();
  const shorts = new Map<string, string>();
  const add = (key: string, spec: OptionSpec): void => {
    specs.set(flagName(key), [key, spec]);
    if (spec.short) shorts.set(spec.short, flagName(key));
  };
  for (const [key, spec] of Object.entries(command.options)) add(key, spec);
  add('help', HELP_OPTION);
  if (command.config) add('config', CONFIG_OPTION);

  const values: Record<string, OptionScalar | OptionScalar[]> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-') || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let name = arg.startsWith('--')
      ? arg.slice(2, eq > 0 ? eq : undefined)
      : arg.slice(1, eq > 0 ? eq : undefined);
    if (!arg.startsWith('--')) {
      const long = shorts.get(name);
      if (long === undefined) {
        throw new CliError('UNKNOWN_OPTION', `${prog}: unknown option ${arg}`);
      }
      name = long;
    }
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    let entry = specs.get(name);
    let negated = false;
    if (!entry && name.startsWith('no-')) {
      const positive = specs.get(name.slice(3));
      if (positive?.[1].type === 'boolean') {
        entry = positive;
        negated = true;
      }
    }
    if (!entry) {
      throw new CliError(
        'UNKNOWN_OPTION',
        `${prog}: unknown option --${name}${didYouMean(
          `--${name}`,
          [...specs.keys()].map((f) => `--${f}`),
        )}`,
      );
    }
    const [key, spec] = entry;
    const flag = `${prog}: --${flagName(key)}`;
    let value: OptionScalar;
    if (spec.type === 'boolean') {
      if (inline !== undefined) {
        throw new CliError(
          'INVALID_OPTION',
          `${flag} takes no value (got ${JSON.stringify(inline)})`,
        );
      }
      value = !negated;
    } else {
      const raw = inline ?? argv[++i];
      if (raw === undefined || (inline === undefined && raw.startsWith('--'))) {
        throw new CliError(
          'MISSING_VALUE',
          `${flag} needs a value (${spec.valueName ?? (spec.type === 'path' ? 'PATH' : 'VALUE')})`,
        );
      }
      value = valueFromFlag(spec, raw, flag, cwd);
    }
    if (spec.multiple) {
      const list = values[key];
      values[key] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      values[key] = value;
    }
  }
  const { help, config, ...own } = values;
  return {
    values: own,
    positionals,
    help: help === true,
    config: typeof config === 'string' ? config : undefined,
  };
}
