/** A stream the CLI writes to: `process.stdout`/`process.stderr` or a test's string sink. */
export interface CliOutput {
  write(chunk: string): unknown;
  /** Whether it is a terminal (progress bars redraw in place there). */
  readonly isTTY?: boolean;
  /** Terminal width in characters, when known. */
  readonly columns?: number;
}

/**
 * Everything a command touches outside its arguments, so commands run in-process in tests without spawning.
 * `nodeIo()` gives the real process's.
 */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Standard input (`process.stdin`, or `Readable.from([...])` in tests); `undefined` reads as empty. */
  readonly stdin?: AsyncIterable<string | Uint8Array>;
  /** Folder that relative paths are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

interface OptionSpecBase {
  /** One line for `--help`. */
  readonly description: string;
  /** One-letter alias, without the dash (`'i'` for `-i`). */
  readonly short?: string;
  /** Placeholder in `--help` (`FILE`, `N`). @defaultValue `VALUE`, or `N` for numbers */
  readonly valueName?: string;
  /** The command cannot run without it (from the command line or the config file). @defaultValue false */
  readonly required?: boolean;
  /** May be given several times; the values are collected in order. @defaultValue false */
  readonly multiple?: boolean;
}

/** `--flag` (true) or `--no-flag` (false); `false` when absent unless `default` says otherwise. */
export interface BooleanOptionSpec extends OptionSpecBase {
  readonly type: 'boolean';
  readonly default?: boolean;
  readonly multiple?: false;
}

/** A text value, optionally restricted to `choices`. */
export interface StringOptionSpec extends OptionSpecBase {
  readonly type: 'string';
  readonly default?: string;
  readonly choices?: readonly string[];
}

/**
 * A file or folder path: made absolute against the working folder on the command line, and against the config
 * file's folder when it comes from a config file.
 */
export interface PathOptionSpec extends OptionSpecBase {
  readonly type: 'path';
  readonly default?: string;
}

/**
 * A number (`'number'`) or a whole number (`'integer'`) with its range. Every command's numeric options set
 * both ends (a test checks it): an unbounded `--max-ngram-order 1e9` or `--bootstrap 1e12` would hang or
 * exhaust memory instead of failing with `INVALID_OPTION`.
 */
export interface NumberOptionSpec extends OptionSpecBase {
  readonly type: 'number' | 'integer';
  readonly default?: number;
  /** Smallest accepted value (shown in `--help`). */
  readonly min?: number;
  /** Largest accepted value (shown in `--help`). */
  readonly max?: number;
}

/** One option of a command. */
export type OptionSpec = BooleanOptionSpec | StringOptionSpec | PathOptionSpec | NumberOptionSpec;

/** A command's options keyed by camelCase name; the flag is its kebab-case form (`maxLength` → `--max-length`). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ScalarOf<S extends OptionSpec> = S extends BooleanOptionSpec
  ? boolean
  : S extends NumberOptionSpec
    ? number
    : S extends { readonly choices: readonly (infer C extends string)[] }
      ? C
      : string;

type ValueOf<S extends OptionSpec> = S extends { readonly multiple: true }
  ? ScalarOf<S>[]
  : S extends BooleanOptionSpec | { readonly default: unknown } | { readonly required: true }
    ? ScalarOf<S>
    : ScalarOf<S> | undefined;

/** The values a command receives, typed from its option specs. */
export type OptionValues<O extends OptionSpecs> = { readonly [K in keyof O]: ValueOf<O[K]> };

/** A positional argument, for `--help` and the argument-count check. */
export interface ArgumentSpec {
  /** Placeholder (`FILE`). */
  readonly name: string;
  readonly description: string;
  /** Takes any number of values (only the last argument). @defaultValue false */
  readonly variadic?: boolean;
  /** @defaultValue false */
  readonly required?: boolean;
}

/** What a command's `run` receives. */
export interface CommandArgs<O extends OptionSpecs> {
  readonly options: OptionValues<O>;
  /** Positional arguments as given (paths are not resolved). */
  readonly positionals: readonly string[];
}

/**
 * One `nlpft` command. `name` may have two words (`'eval bleu'`): the first is then a group that `nlpft eval --help`
 * lists.
 */
export interface Command<O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** What follows `nlpft <name>` in the usage line (`--model FILE [options] [INPUT...]`). */
  readonly usage: string;
  /** Paragraph shown under the usage line in `--help`. */
  readonly description?: string;
  readonly options: O;
  readonly arguments?: readonly ArgumentSpec[];
  /** Full command lines shown in `--help`; at least two. */
  readonly examples: readonly string[];
  /** Accept `--config FILE` (JSON or YAML) with defaults for the options. @defaultValue false */
  readonly config?: boolean;
  /** Runs the command; returns the exit code (`undefined` means 0). Throws `CliError` or a package error. */
  run(args: CommandArgs<O>, io: CliIo): Promise<number | void>;
}

/** Any command, as the registry holds them. */
export type AnyCommand = Command<OptionSpecs>;
