import type { CliErrorCode } from './errors';

/**
 * The codes renamed so that one meaning has one code in every `@nlpft` package (issue #17), each with the code that
 * replaced it; an alias passed to `new CliError` becomes it. Removed in the next minor version.
 */
export const DEPRECATED_CLI_CODES: Readonly<
  Partial<Record<CliErrorCode, readonly CliErrorCode[]>>
> = {
  INVALID_VALUE: ['INVALID_OPTION'],
};
