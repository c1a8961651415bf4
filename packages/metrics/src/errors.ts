/** What went wrong, as a stable code callers can branch on. */
export type MetricsErrorCode =
  | 'LENGTH_MISMATCH'
  | 'EMPTY_INPUT'
  | 'UNKNOWN_LABEL'
  | 'INVALID_OPTION'
  | 'INVALID_INPUT'
  | 'INPUT_TOO_LARGE'
  | 'UNDEFINED_RESULT';

/** The one error class of `@nlpft/metrics`; `code` says which check failed and the message names the argument. */
export class MetricsError extends Error {
  readonly code: MetricsErrorCode;
  constructor(code: MetricsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetricsError';
    this.code = code;
  }

  /** Whether this error has `code`; the same test as `.code === code`, as on every `@nlpft` error class. */
  is(code: MetricsErrorCode): boolean {
    return code === this.code;
  }
}
