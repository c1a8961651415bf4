import { CliError } from '../cli/errors';
import type { CliErrorCode } from '../cli/errors';

/**
 * @deprecated The report renderer throws `CliError` (codes `INVALID_CHART_DATA`, `BROWSER_NOT_FOUND`,
 * `BROWSER_CHECK_FAILED`); this alias goes in the next minor version.
 */
export const ReportError = CliError;

/** @deprecated Use `CliErrorCode`. */
export type ReportErrorCode = Extract<
  CliErrorCode,
  'INVALID_CHART_DATA' | 'BROWSER_NOT_FOUND' | 'BROWSER_CHECK_FAILED'
>;
