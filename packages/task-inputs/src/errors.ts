import { DEPRECATED_TASK_INPUT_CODES } from './error-aliases';

/** What went wrong, as a stable code callers can branch on. */
export type TaskInputErrorCode =
  /** A template, delimiter or pad token is not in the tokenizer's vocabulary. */
  | 'UNKNOWN_TOKEN'
  /** @deprecated Use 'UNKNOWN_TOKEN'. */
  | 'TOKEN_NOT_IN_VOCAB'
  /** An option is out of range or contradicts another (stride ≥ window, `max_length` padding without a length…). */
  | 'INVALID_OPTION'
  /** The sequence chosen for truncation is too short to bring the input under `maxLength` (HF: "Sequence to truncate too short"). */
  | 'SEQUENCE_TOO_SHORT'
  /** A QA context needs more windows than `maxWindows`, or no context token fits beside the question. */
  | 'CONTEXT_TOO_LONG'
  /** A QA answer span does not lie inside the context, or its text differs from the context there. */
  | 'ANSWER_OUTSIDE_CONTEXT'
  /** Token positions given back for a QA answer do not point into the context of that window. */
  | 'POSITION_OUTSIDE_CONTEXT'
  /** The tokenizer returned no character offsets where they are needed (QA features). */
  | 'MISSING_OFFSETS'
  /** Batch items disagree in shape (ragged fields, different numbers of choices) or the batch is empty. */
  | 'INCONSISTENT_SHAPES'
  /** An in-context prompt does not fit its token budget even with every demonstration dropped. */
  | 'PROMPT_TOO_LONG'
  /**
   * An argument has the wrong type: a text that is not a string or `{ ids }`, a tokenizer without `encode` /
   * `tokenToId`, a list that is not an array, options that are not an object.
   */
  | 'INVALID_INPUT'
  /** @deprecated Use 'INVALID_INPUT'. */
  | 'INVALID_ARGUMENT';

/** The one error class of `@nlpft/task-inputs`; `code` says which check failed and the message names the argument. */
export class TaskInputError extends Error {
  readonly code: TaskInputErrorCode;
  constructor(code: TaskInputErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TaskInputError';
    this.code = DEPRECATED_TASK_INPUT_CODES[code]?.[0] ?? code;
  }

  /**
   * Whether this error has `code`, or `code` is a deprecated alias of it: `is('TOKEN_NOT_IN_VOCAB')` holds for an
   * `UNKNOWN_TOKEN` error until the alias goes.
   */
  is(code: TaskInputErrorCode): boolean {
    return code === this.code || (DEPRECATED_TASK_INPUT_CODES[code]?.includes(this.code) ?? false);
  }
}
