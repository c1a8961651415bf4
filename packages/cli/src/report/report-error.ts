/** What went wrong while drawing or checking a report, as a stable code callers can branch on. */
export type ReportErrorCode = 'INVALID_CHART_DATA' | 'BROWSER_NOT_FOUND' | 'BROWSER_CHECK_FAILED';

/** The error class of the report renderer; `code` says which check failed, the message names the chart or file. */
export class ReportError extends Error {
  readonly code: ReportErrorCode;
  constructor(code: ReportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportError';
    this.code = code;
  }
}
