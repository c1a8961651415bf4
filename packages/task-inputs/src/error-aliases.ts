import type { TaskInputErrorCode } from './errors';

/**
 * The codes renamed so that one meaning has one code in every `@nlpft` package (issue #17), each with the code that
 * replaced it; an alias passed to `new TaskInputError` becomes it. Removed in the next minor version.
 */
export const DEPRECATED_TASK_INPUT_CODES: Readonly<
  Partial<Record<TaskInputErrorCode, readonly TaskInputErrorCode[]>>
> = {
  INVALID_ARGUMENT: ['INVALID_INPUT'],
  TOKEN_NOT_IN_VOCAB: ['UNKNOWN_TOKEN'],
};
