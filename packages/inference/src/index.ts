// Shared types (./types), by topic: session settings, tensors, the model, tokenizers and batching
export type { Device, Provider, GraphOptimizationLevel, SessionOptions, RunOptions } from './types';
export type { TensorType, TensorData, FloatTensor, TensorMap } from './types';
export type { TensorElementArrays, TensorElementType, TensorLike } from './types';
export type { ValueInfo, ModelIo, ModelConfig, ModelRunner } from './types';
export type { EncodingLike, TokenizerLike, DecodingTokenizerLike, BatchOptions } from './types';

// Sessions and model files
export { createSession, InferenceModel, CUDA_INSTALL_HINT } from './create-session';
export { MAX_THREADS } from './session-options';
export { InferenceError, type InferenceErrorCode } from './errors';
export { mapModelIo } from './model-io';
export { parseModelConfig, readModelConfig } from './model-config';
export { planBatches, mapInBatches, checkBatchBytes } from './plan-batches';
export { collate, type Collated } from './collate';

// Task heads
export {
  SequenceClassifier,
  type ClassifierInput,
  type Classification,
  type SequenceClassifierOptions,
} from './sequence-classifier';
export {
  FeatureExtractor,
  poolHiddenStates,
  type ExtractOptions,
  type FeatureExtractorOptions,
  type Pooling,
} from './feature-extractor';
export {
  QuestionAnswerer,
  type Answer,
  type AnswerOptions,
  type QuestionAnswererOptions,
} from './question-answerer';
export {
  CausalLmScorer,
  type CausalLmScorerOptions,
  type PerplexityOptions,
  type PerplexityResult,
  type ScoreOptions,
  type TextScore,
} from './causal-lm-scorer';
export {
  MultipleChoiceHead,
  chooseByLikelihood,
  type ChoiceQuestion,
  type ChoiceResult,
  type LikelihoodOptions,
  type MultipleChoiceHeadOptions,
} from './multiple-choice';

// Generation
export {
  TextGenerator,
  MAX_NEW_TOKENS,
  type FinishReason,
  type GenerateOptions,
  type GeneratedToken,
  type GenerationResult,
} from './text-generator';
export { withoutSpecialTokens } from './without-special-tokens';
export { processLogits, pickToken, type SamplingOptions } from './logits-processors';
export { seededRandom } from './seeded-random';

// Worker threads
export { createWorkerPool, WorkerPool, MAX_POOL_SIZE, type WorkerPoolOptions } from './worker-pool';
