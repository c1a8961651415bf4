/** What went wrong, as a stable code callers can branch on. */
export type InferenceErrorCode =
  | 'MODEL_NOT_FOUND'
  | 'MODEL_LOAD_FAILED'
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
    this.code = code;
  }
}
