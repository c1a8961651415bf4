import { CONFIG_OPTION, HELP_OPTION } from './parse-args';
import { flagName } from './option-values';
import type { AnyCommand, OptionSpec } from './types';

/** The program's name, version and one-line purpose, for the root help and `--version`. */
export interface ProgramInfo {
  readonly name: string;
  readonly version: string;
  readonly summary: string;
}

/** Two columns, the left one padded to its widest entry (at most 32 characters). */
function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.min(32, Math.max(0, ...rows.map(([left]) => left.length)));
  return rows.map(([left, right]) =>
    left.length > width
      ? `  ${left}\n  ${' '.repeat(width)}  ${right}`
      : `  ${left.padEnd(width)}  ${right}`,
  );
}

function placeholder(spec: OptionSpec): string {
  if (spec.type === 'boolean') return '';
  if (spec.valueName) return ` ${spec.valueName}`;
  if (spec.type === 'string' && spec.choices) return ` ${spec.choices.join('|')}`;
  return spec.type === 'path' ? ' PATH' : spec.type === 'string' ? ' VALUE' : ' N';
}

function optionRow(key: string, spec: OptionSpec): [string, string] {
  const flag = flagName(key);
  const long = spec.type === 'boolean' && spec.default === true ? `--[no-]${flag}` : `--${flag}`;
  const left = `${spec.short ? `-${spec.short}, ` : '    '}${long}${placeholder(spec)}`;
  const notes: string[] = [];
  if (spec.required) notes.push('required');
  if (spec.multiple) notes.push('repeatable');
  if (spec.default !== undefined && spec.type !== 'boolean')
    notes.push(`default: ${String(spec.default)}`);
  if (
    (spec.type === 'number' || spec.type === 'integer') &&
    spec.min !== undefined &&
    spec.max !== undefined
  )
    notes.push(`${spec.min}–${spec.max}`);
  return [left, `${spec.description}${notes.length ? ` (${notes.join('; ')})` : ''}`];
}

/** `--help` of one command: usage, description, arguments, options, subcommands, examples. */
export function formatCommandHelp(
  command: AnyCommand,
  program: ProgramInfo,
  subcommands: readonly AnyCommand[] = [],
): string {
  const lines = [`Usage: ${program.name} ${command.name} ${command.usage}`, '', command.summary];
  if (command.description) lines.push('', command.description);
  if (command.arguments?.length) {
    lines.push('', 'Arguments:');
    lines.push(
      ...table(
        command.arguments.map((a) => [`${a.name}${a.variadic ? '...' : ''}`, a.description]),
      ),
    );
  }
  const rows = Object.entries(command.options).map(([key, spec]) => optionRow(key, spec));
  if (command.config) rows.push(optionRow('config', CONFIG_OPTION));
  rows.push(optionRow('help', HELP_OPTION));
  lines.push('', 'Options:', ...table(rows));
  if (subcommands.length) {
    lines.push('', 'Subcommands:', ...table(subcommands.map((c) => [c.name, c.summary])));
  }
  lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  return lines.join('\n') + '\n';
}

/** `nlpft eval --help`: the commands of a group. */
export function formatGroupHelp(
  group: string,
  commands: readonly AnyCommand[],
  program: ProgramInfo,
): string {
  return (
    [
      `Usage: ${program.name} ${group} <command> [options]`,
      '',
      'Commands:',
      ...table(commands.map((c) => [c.name, c.summary])),
      '',
      'Examples:',
      ...commands.flatMap((c) => c.examples.slice(0, 1)).map((e) => `  ${e}`),
      '',
      `Run '${program.name} ${group} <command> --help' for a command's options.`,
    ].join('\n') + '\n'
  );
}

/** `nlpft --help`: every command, the global options and a few examples. */
export function formatRootHelp(commands: readonly AnyCommand[], program: ProgramInfo): string {
  const groups = new Set<string>();
  const examples = commands
    .filter((c) => {
      const group = c.name.split(' ')[0] as string;
      if (groups.has(group)) return false;
      groups.add(group);
      return true;
    })
    .map((c) => c.examples[0] as string);
  return (
    [
      `${program.name} ${program.version}: ${program.summary}`,
      '',
      `Usage: ${program.name} <command> [options]`,
      '',
      'Commands:',
      ...table(commands.map((c) => [c.name, c.summary])),
      '',
      'Options:',
      ...table([
        ['-h, --help', 'show this help'],
        ['-V, --version', 'print the version'],
      ]),
      '',
      'Examples:',
      ...examples.map((e) => `  ${e}`),
      '',
      `Run '${program.name} <command> --help' for a command's options and examples.`,
    ].join('\n') + '\n'
  );
}
