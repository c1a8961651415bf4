import { DEPRECATED_TRAINING_CODES } from './error-aliases';

/** What went wrong, as a stable code callers can branch on. */
export type TrainingErrorCode =
  | 'NON_FINITE_LOSS'
  | 'NON_FINITE_GRADIENT'
  | 'INVALID_OPTION'
  | 'SHAPE_MISMATCH'
  | 'UNKNOWN_PARAMETER'
  | 'CHECKPOINT_CORRUPT'
  | 'INTERRUPTED'
  /** A model folder lacks a file fromPretrained needs, or a file in it is not what its name says. */
  | 'INVALID_MODEL_FOLDER'
  /** The model's architecture, graph ops or weight type is one training does not support (the message says which are). */
  | 'UNSUPPORTED_MODEL'
  /** The tokenizer lacks a special token the pipeline needs ([CLS], [SEP], [PAD], [MASK]; the message names it). */
  | 'UNKNOWN_TOKEN'
  /** @deprecated Use 'UNKNOWN_TOKEN'. */
  | 'MISSING_TOKEN'
  /** Too little text for one training block or held-out block. */
  | 'NOT_ENOUGH_DATA'
  /** A pre-trained model file lacks a weight the model being built needs, or has it in another shape. */
  | 'MODEL_MISMATCH'
  /** A run folder's cached tokens or fingerprint do not read back. */
  | 'CACHE_CORRUPT';

/** The one error class of `@nlpft/training`; `code` says which check failed, the message names the step or tensor. */
export class TrainingError extends Error {
  readonly code: TrainingErrorCode;
  constructor(code: TrainingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TrainingError';
    this.code = DEPRECATED_TRAINING_CODES[code]?.[0] ?? code;
  }

  /**
   * Whether this error has `code`, or `code` is a deprecated alias of it: `is('MISSING_TOKEN')` holds for an
   * `UNKNOWN_TOKEN` error until the alias goes.
   */
  is(code: TrainingErrorCode): boolean {
    return code === this.code || (DEPRECATED_TRAINING_CODES[code]?.includes(this.code) ?? false);
  }
}
