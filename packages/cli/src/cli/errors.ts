import { DEPRECATED_CLI_CODES } from './error-aliases';

/**
 * What went wrong, for callers that branch on it. Usage codes (the command line itself is wrong) exit with 2; the
 * rest exit with 1.
 */
export type CliErrorCode =
  | 'UNKNOWN_COMMAND'
  | 'UNKNOWN_OPTION'
  | 'MISSING_VALUE'
  /** An option's value (a flag's or a config key's) is of the wrong type or range, or not one of the choices. */
  | 'INVALID_OPTION'
  /** @deprecated Use 'INVALID_OPTION'. */
  | 'INVALID_VALUE'
  | 'MISSING_OPTION'
  | 'MISSING_ARGUMENT'
  | 'TOO_MANY_ARGUMENTS'
  | 'UNKNOWN_CONFIG_KEY'
  | 'INVALID_CONFIG'
  | 'FILE_NOT_FOUND'
  | 'FILE_ERROR'
  | 'INVALID_INPUT'
  /** The report renderer: a chart given a non-finite or inconsistent point. */
  | 'INVALID_CHART_DATA'
  /** No Chromium at `CHROMIUM_PATH` or in the npm package. */
  | 'BROWSER_NOT_FOUND'
  /** The headless browser could not load or check a page. */
  | 'BROWSER_CHECK_FAILED';

const USAGE_CODES: ReadonlySet<CliErrorCode> = new Set<CliErrorCode>([
  'UNKNOWN_COMMAND',
  'UNKNOWN_OPTION',
  'MISSING_VALUE',
  'INVALID_OPTION',
  'MISSING_OPTION',
  'MISSING_ARGUMENT',
  'TOO_MANY_ARGUMENTS',
  'UNKNOWN_CONFIG_KEY',
  'INVALID_CONFIG',
]);

/**
 * The error of `@nlpft/cli`'s argument parsing, config files and commands. The message names the command, the
 * option, key or path at fault, and what to do.
 * @example throw new CliError('FILE_NOT_FOUND', `nlpft predict: --model: no file at ${path}`);
 */
export class CliError extends Error {
  readonly code: CliErrorCode;
  /** 2 for a usage error (unknown command or option, bad value, bad config), 1 otherwise. */
  readonly exitCode: 1 | 2;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.code = DEPRECATED_CLI_CODES[code]?.[0] ?? code;
    this.exitCode = USAGE_CODES.has(this.code) ? 2 : 1;
  }

  /**
   * Whether this error has `code`, or `code` is a deprecated alias of it: `is('INVALID_VALUE')` holds for an
   * `INVALID_OPTION` error until the alias goes.
   */
  is(code: CliErrorCode): boolean {
    return code === this.code || (DEPRECATED_CLI_CODES[code]?.includes(this.code) ?? false);
  }
}
