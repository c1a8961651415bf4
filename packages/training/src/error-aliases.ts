import type { TrainingErrorCode } from './errors';

/**
 * The codes renamed so that one meaning has one code in every `@nlpft` package (issue #17), each with the code that
 * replaced it; an alias passed to `new TrainingError` becomes it. Removed in the next minor version.
 */
export const DEPRECATED_TRAINING_CODES: Readonly<
  Partial<Record<TrainingErrorCode, readonly TrainingErrorCode[]>>
> = {
  MISSING_TOKEN: ['UNKNOWN_TOKEN'],
};
