/** What went wrong, as a stable code callers can branch on. */
export type TokenizerErrorCode =
  | 'INVALID_JSON'
  | 'INVALID_FIELD'
  | 'UNSUPPORTED_TYPE'
  | 'UNKNOWN_TOKEN'
  | 'ID_OUT_OF_RANGE'
  | 'INVALID_OPTION'
  | 'INVALID_INPUT'
  | 'FILE_ERROR';

/**
 * The one error class of `@nlpft/tokenizers`; `code` says which check failed and the message names the
 * JSON path, option or argument.
 */
export class TokenizerError extends Error {
  readonly code: TokenizerErrorCode;
  constructor(code: TokenizerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TokenizerError';
    this.code = code;
  }

  /** Whether this error has `code`; the same test as `.code === code`, as on every `@nlpft` error class. */
  is(code: TokenizerErrorCode): boolean {
    return code === this.code;
  }
}
