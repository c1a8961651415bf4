import { configValues, readConfigFile } from './config-file';
import { CliError } from './errors';
import { formatCommandHelp, formatGroupHelp, formatRootHelp } from './help';
import type { ProgramInfo } from './help';
import { parseArgv } from './parse-args';
import { checkPositionals, mergeOptions } from './resolve-options';
import { didYouMean } from './suggest';
import type { AnyCommand, CliIo } from './types';

/** What {@link runCli} runs. */
export interface RunCliOptions {
  /** The commands, in the order `--help` lists them. */
  readonly commands: readonly AnyCommand[];
  readonly program: ProgramInfo;
}

/** The command named by the leading words of `argv`: the longest name that matches (`tokenize train` before `tokenize`). */
function findCommand(
  argv: readonly string[],
  commands: readonly AnyCommand[],
): { command: AnyCommand; rest: readonly string[] } | undefined {
  let found: { command: AnyCommand; rest: readonly string[] } | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    const matches = words.every((w, i) => argv[i] === w);
    if (matches && (!found || words.length > found.command.name.split(' ').length)) {
      found = { command, rest: argv.slice(words.length) };
    }
  }
  return found;
}

function groupOf(name: string, commands: readonly AnyCommand[]): AnyCommand[] {
  return commands.filter((c) => c.name.startsWith(`${name} `));
}

/** Package errors (`InferenceError`, `TokenizerError`, `MetricsError`, …) carry a string `code`; we print it. */
function isCodedError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * Prints an error and returns its exit code: a `CliError`'s own (2 for usage errors, with a pointer to `--help`),
 * 1 for package errors (printed with their class and code) and anything else.
 */
function report(error: unknown, io: CliIo, program: ProgramInfo, commandName?: string): number {
  const where = commandName ? `${program.name} ${commandName}` : program.name;
  // Messages thrown by the parser already start with the command; others (config files, packages) get it here.
  const located = (message: string): string =>
    message.startsWith(`${program.name} `) || message.startsWith(`${program.name}:`)
      ? message
      : `${where}: ${message}`;
  if (error instanceof CliError) {
    io.stderr.write(`error[${error.code}]: ${located(error.message)}\n`);
    if (error.exitCode === 2) io.stderr.write(`Run '${where} --help' for usage.\n`);
    return error.exitCode;
  }
  if (isCodedError(error)) {
    io.stderr.write(`error[${error.name} ${error.code}]: ${located(error.message)}\n`);
    return 1;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`error: ${where}: unexpected failure: ${message}\n`);
  return 1;
}

/**
 * Runs one command line in-process and returns its exit code (0 success, 1 failure, 2 usage error). Nothing is
 * written outside `io`, so tests call it directly.
 * @example process.exitCode = await runCli(process.argv.slice(2), nodeIo(), { commands, program });
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  { commands, program }: RunCliOptions,
): Promise<number> {
  const [first] = argv;
  if (first === undefined) {
    io.stderr.write(formatRootHelp(commands, program));
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(formatRootHelp(commands, program));
    return 0;
  }
  if (first === '--version' || first === '-V') {
    io.stdout.write(`${program.version}\n`);
    return 0;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    const group = groupOf(first, commands);
    const second = argv[1];
    if (group.length > 0 && (second === undefined || second === '--help' || second === '-h')) {
      const text = formatGroupHelp(first, group, program);
      if (second === undefined) {
        io.stderr.write(text);
        return report(
          new CliError(
            'MISSING_ARGUMENT',
            `${program.name} ${first}: which one? ${group.map((c) => c.name).join(', ')}`,
          ),
          io,
          program,
          first,
        );
      }
      io.stdout.write(text);
      return 0;
    }
    const typed = group.length > 0 ? `${first} ${second ?? ''}` : first;
    const names = commands.map((c) => c.name);
    const groups = [
      ...new Set(names.filter((n) => n.includes(' ')).map((n) => n.split(' ')[0] as string)),
    ];
    return report(
      new CliError(
        'UNKNOWN_COMMAND',
        `unknown command ${JSON.stringify(typed)}${didYouMean(typed, [...names, ...groups])}; commands: ${names.join(', ')}`,
      ),
      io,
      program,
      group.length > 0 ? first : undefined,
    );
  }
  const { command, rest } = found;
  const prog = `${program.name} ${command.name}`;
  try {
    const parsed = parseArgv(rest, command, prog, io.cwd);
    if (parsed.help) {
      io.stdout.write(formatCommandHelp(command, program, groupOf(command.name, commands)));
      return 0;
    }
    const fromConfig = parsed.config
      ? configValues(await readConfigFile(parsed.config), command.options, parsed.config)
      : {};
    const options = mergeOptions(command.options, fromConfig, parsed.values, prog, io.cwd);
    checkPositionals(command, parsed.positionals, prog);
    const code = await command.run({ options, positionals: parsed.positionals }, io);
    return code ?? 0;
  } catch (error) {
    return report(error, io, program, command.name);
  }
}
