/** What went wrong in a pipeline, as a stable code callers can branch on. */
export type PipelineErrorCode =
  'INVALID_OPTION' | 'MISSING_TOKEN' | 'NOT_ENOUGH_DATA' | 'MODEL_MISMATCH' | 'CACHE_CORRUPT';

/** The error class of the pre-training and fine-tuning pipelines; the message names the option, token or file. */
export class PipelineError extends Error {
  readonly code: PipelineErrorCode;
  constructor(code: PipelineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PipelineError';
    this.code = code;
  }
}
