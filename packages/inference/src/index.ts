export { createSession, InferenceModel, CUDA_INSTALL_HINT } from './create-session';
export { MAX_THREADS } from './session-options';
export { InferenceError } from './errors';
export { mapModelIo } from './model-io';
export { parseModelConfig, readModelConfig } from './model-config';
export { planBatches, mapInBatches, checkBatchBytes } from './plan-batches';
export { collate } from './collate';
export { SequenceClassifier } from './sequence-classifier';
export { FeatureExtractor, poolHiddenStates } from './feature-extractor';
export { QuestionAnswerer } from './question-answerer';
export { CausalLmScorer } from './causal-lm-scorer';
export { MultipleChoiceHead, chooseByLikelihood } from './multiple-choice';
export { TextGenerator, MAX_NEW_TOKENS } from './text-generator';
export { withoutSpecialTokens } from './without-special-tokens';
export { processLogits, pickToken } from './logits-processors';
export { seededRandom } from './seeded-random';
export { createWorkerPool, WorkerPool, MAX_POOL_SIZE } from './worker-pool';
export type { InferenceErrorCode } from './errors';
export type { Collated } from './collate';
export type {
  ClassifierInput,
  Classification,
  SequenceClassifierOptions,
} from './sequence-classifier';
export type { ExtractOptions, FeatureExtractorOptions, Pooling } from './feature-extractor';
export type { Answer, AnswerOptions, QuestionAnswererOptions } from './question-answerer';
export type {
  CausalLmScorerOptions,
  PerplexityOptions,
  PerplexityResult,
  ScoreOptions,
  TextScore,
} from './causal-lm-scorer';
export type {
  ChoiceQuestion,
  ChoiceResult,
  LikelihoodOptions,
  MultipleChoiceHeadOptions,
} from './multiple-choice';
export type {
  FinishReason,
  GenerateOptions,
  GeneratedToken,
  GenerationResult,
} from './text-generator';
export type { SamplingOptions } from './logits-processors';
export type { WorkerPoolOptions } from './worker-pool';
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
