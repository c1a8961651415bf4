/** What went wrong, as a stable code callers can branch on. */
export type BehaviorErrorCode =
  | 'EMPTY_SUITE'
  | 'EMPTY_TEST'
  | 'DUPLICATE_TEST_NAME'
  | 'MISSING_LEXICON'
  | 'EMPTY_LEXICON'
  | 'INVALID_OPTION'
  | 'PREDICT_FAILED'
  | 'PREDICTION_COUNT_MISMATCH'
  | 'INVALID_PREDICTION'
  | 'MISSING_PROBABILITIES'
  | 'LENGTH_MISMATCH'
  | 'EMPTY_INPUT'
  | 'DUPLICATE_SLICE_NAME';

/** The one error class of `@nlpft/behavior`; `code` says which check failed and the message names the argument. */
export class BehaviorError extends Error {
  readonly code: BehaviorErrorCode;
  constructor(code: BehaviorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BehaviorError';
    this.code = code;
  }

  /** Whether this error has `code`; the same test as `.code === code`, as on every `@nlpft` error class. */
  is(code: BehaviorErrorCode): boolean {
    return code === this.code;
  }
}
