import type { InferenceErrorCode } from './errors';

/**
 * The codes renamed so that one meaning has one code in every `@nlpft` package (issue #17), each with the code that
 * replaced it; an alias passed to `new InferenceError` becomes it. Removed in the next minor version.
 */
export const DEPRECATED_INFERENCE_CODES: Readonly<
  Partial<Record<InferenceErrorCode, readonly InferenceErrorCode[]>>
> = {
  CUDA_UNAVAILABLE: ['PROVIDER_UNAVAILABLE'],
};
