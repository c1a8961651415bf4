import type { OnnxErrorCode } from './errors';

/**
 * The codes renamed so that one meaning has one code in every `@nlpft` package (issue #17), each with the codes that
 * replaced it; an alias passed to `new OnnxError` becomes the first. Removed in the next minor version.
 */
export const DEPRECATED_ONNX_CODES: Readonly<
  Partial<Record<OnnxErrorCode, readonly OnnxErrorCode[]>>
> = {
  INVALID_ARGUMENT: ['INVALID_INPUT', 'INVALID_OPTION'],
  RUNTIME_ERROR: ['RUN_FAILED', 'MODEL_LOAD_FAILED'],
};
