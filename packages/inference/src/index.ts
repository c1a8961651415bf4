export { createSession, InferenceModel, CUDA_INSTALL_HINT } from './create-session';
export { InferenceError } from './errors';
export { mapModelIo } from './model-io';
export { parseModelConfig, readModelConfig } from './model-config';
export type { InferenceErrorCode } from './errors';
export type {
  BatchOptions,
  DecodingTokenizerLike,
  Device,
  EncodingLike,
  FloatTensor,
  GraphOptimizationLevel,
  ModelConfig,
  ModelIo,
  ModelRunner,
  Provider,
  RunOptions,
  SessionOptions,
  TensorData,
  TensorMap,
  TensorType,
  TokenizerLike,
  ValueInfo,
} from './types';
