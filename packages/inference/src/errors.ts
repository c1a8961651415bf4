import { DEPRECATED_INFERENCE_CODES } from './error-aliases';

/** What went wrong, as a stable code callers can branch on. */
export type InferenceErrorCode =
  | 'MODEL_NOT_FOUND'
  | 'MODEL_LOAD_FAILED'
  /** An execution provider (CUDA) cannot be loaded on this machine; the message says how to install it. */
  | 'PROVIDER_UNAVAILABLE'
  /** @deprecated Use 'PROVIDER_UNAVAILABLE'. */
  | 'CUDA_UNAVAILABLE'
  | 'INVALID_OPTION'
  /** A positional argument (texts, token ids, tensors, a model or tokenizer) of the wrong type or shape. */
  | 'INVALID_INPUT'
  | 'INVALID_CONFIG'
  | 'MISSING_INPUT'
  | 'MISSING_OUTPUT'
  | 'UNSUPPORTED_MODEL'
  | 'VOCAB_TOO_LARGE'
  | 'SEQUENCE_TOO_LONG'
  | 'BATCH_TOO_LARGE'
  | 'EMPTY_INPUT'
  | 'RUN_FAILED'
  | 'DISPOSED'
  | 'QUEUE_FULL'
  | 'CANCELLED'
  | 'WORKER_FAILED';

/**
 * The one error class of `@nlpft/inference`; `code` says which check failed and the message names the model input,
 * option or text involved and what to do.
 */
export class InferenceError extends Error {
  readonly code: InferenceErrorCode;
  constructor(code: InferenceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InferenceError';
    this.code = DEPRECATED_INFERENCE_CODES[code]?.[0] ?? code;
  }

  /**
   * Whether this error has `code`, or `code` is a deprecated alias of it: `is('CUDA_UNAVAILABLE')` holds for a
   * `PROVIDER_UNAVAILABLE` error until the alias goes.
   */
  is(code: InferenceErrorCode): boolean {
    return code === this.code || (DEPRECATED_INFERENCE_CODES[code]?.includes(this.code) ?? false);
  }
}
