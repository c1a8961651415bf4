// Core types and the error class
export { TrainingError, type TrainingErrorCode } from './errors';
export type { Grads, LossAndGrads, ParamGroup, Params, StepContext, Trainable } from './types';

// Learning-rate schedules (one file each under src/schedules, gathered by ./schedules)
export {
  constantSchedule,
  constantWithWarmupSchedule,
  cosineAnnealingSchedule,
  cosineAnnealingWarmRestartsSchedule,
  cosineSchedule,
  cosineWarmupWithMinLrSchedule,
  cosineWithMinLrSchedule,
  cosineWithRestartsSchedule,
  exponentialLrSchedule,
  getSchedule,
  inverseSqrtSchedule,
  linearSchedule,
  multiStepLrSchedule,
  oneCycleMomentum,
  oneCycleSchedule,
  polynomialSchedule,
  reduceLrOnPlateau,
  SCHEDULE_NAMES,
  slantedTriangularSchedule,
  stepLrSchedule,
  warmupStableDecaySchedule,
  type CosineAnnealingOptions,
  type CosineAnnealingWarmRestartsOptions,
  type CosineOptions,
  type CosineWarmupWithMinLrOptions,
  type CosineWithMinLrOptions,
  type CosineWithRestartsOptions,
  type DecayOptions,
  type EtaMinOptions,
  type ExponentialLrOptions,
  type GetScheduleOptions,
  type InverseSqrtOptions,
  type MomentumSchedule,
  type MultiStepLrOptions,
  type OneCycleMomentumOptions,
  type OneCycleOptions,
  type PlateauSchedule,
  type PlateauState,
  type PolynomialOptions,
  type ReduceLrOnPlateauOptions,
  type Schedule,
  type ScheduleName,
  type SlantedTriangularOptions,
  type StepLrOptions,
  type WarmupOptions,
  type WarmupStableDecayOptions,
  type WsdDecayType,
  type WsdWarmupType,
} from './schedules';

// Optimizers, gradient clipping and parameter groups
export {
  Adam,
  AdamW,
  BertAdam,
  Optimizer,
  Sgd,
  type AdamOptions,
  type AdamUpdateKernel,
  type BertAdamOptions,
  type BaseOptimizerOptions,
  type OptimizerState,
  type ResolvedGroup,
  type SgdOptions,
  type TensorUpdateArgs,
} from './optimizer';
export { TransformersAdamW, type TransformersAdamWOptions } from './optimizer-legacy-adamw';
export { Adafactor, type AdafactorOptions } from './adafactor';
export { clipGradNorm, clipGradValue, type ClipGradNormOptions } from './clip-grad';
export {
  defaultLayerOf,
  discriminativeGroups,
  isNoDecayParameter,
  layerwiseLrDecayGroups,
  noDecayInGraph,
  weightDecayGroups,
  type LayerwiseLrDecayOptions,
  type WeightDecayGroupsOptions,
} from './param-groups';
export {
  hfNoDecayName,
  structuralNoDecayParameters,
  type GraphNodeLike,
  type ParameterGraphLike,
} from './param-groups-graph';
export { SeededRng, type RngState } from './seeded-rng';
export {
  freezeAllButHead,
  freezeBottomLayers,
  fullFineTuning,
  gradualUnfreezing,
  type FreezePlan,
  type GradualUnfreezingOptions,
  type LayerMap,
  type LayerPlanOptions,
} from './freeze-plan';

// The training loop, checkpoints and early stopping
export { writeFileAtomic } from './write-file-atomic';
export {
  loadCheckpoint,
  parseCheckpoint,
  saveCheckpoint,
  serializeCheckpoint,
  type Checkpoint,
} from './checkpoint';
export {
  Trainer,
  type LogEntry,
  type TrainerOptions,
  type TrainerProgress,
  type TrainResult,
} from './trainer';
export type { GradientsTransfer } from './gradient-sums';
export {
  earlyStoppingStep,
  simulateEarlyStopping,
  type EarlyStoppingDecision,
  type EarlyStoppingOptions,
  type EarlyStoppingRule,
  type EarlyStoppingState,
  type EarlyStoppingTrace,
} from './early-stopping';

// Heads over frozen features, ONNX export, seeds and hyper-parameter search
export {
  ClassificationHead,
  type ClassificationHeadOptions,
  type FeatureExample,
} from './classification-head';
export {
  cachedFeatures,
  type CachedFeaturesOptions,
  type FeatureExtractorLike,
} from './cached-features';
export { encoderWithHeadToOnnx, headToOnnx, type EncoderWithHeadOptions } from './export-head';
export {
  runSeeds,
  type Recipe,
  type RunSeedsOptions,
  type SeedReport,
  type SeedRun,
} from './seed-runs';
export { spreadSvg, writeSpreadSvg, type SpreadGroup, type SpreadSvgOptions } from './spread-svg';
export {
  gridSearch,
  randomSearch,
  resultsTable,
  successiveHalving,
  type Config,
  type Sampler,
  type SuccessiveHalvingOptions,
  type Trial,
} from './search';

// ONNX-graph models and masked-LM data
export { OnnxTrainable, type OnnxSnapshot, type OnnxTrainableOptions } from './onnx-trainable';
export {
  IGNORE_INDEX,
  maskTokens,
  packTokenBlocks,
  type MaskTokensOptions,
  type MaskedTokens,
  type PackTokenBlocksOptions,
} from './masked-lm';

// Pretrained checkpoints (src/pretrained)
export {
  fromPretrained,
  type FromPretrainedOptions,
  type PretrainedModel,
  type PretrainedTask,
} from './pretrained/from-pretrained';
export {
  SUPPORTED_MODEL_TYPES,
  parsePretrainedConfig,
  type PretrainedConfig,
  type SupportedModelType,
} from './pretrained/hf-config';
export { assertTrainableOps } from './pretrained/trainable-ops';
export { savePretrained, type SavePretrainedOptions } from './pretrained/save-pretrained';
export {
  FINETUNE_STRATEGIES,
  prepareStrategy,
  type FinetuneStrategy,
  type StrategyOptions,
  type StrategySetup,
} from './pretrained/strategies';

// The high-level pipelines: pre-train a tiny model, fine-tune a classifier, score it (src/pipelines).
export {
  pretrainLanguageModel,
  type PretrainOptions,
  type PretrainResult,
} from './pipelines/pretrain';
export type {
  LanguageModelRunOptions,
  LanguageModelRunResult,
} from './pipelines/language-model-run';
export {
  STRATEGIES,
  finetuneClassifier,
  type FinetuneOptions,
  type FinetuneResult,
  type LabelledText,
  type Strategy,
} from './pipelines/finetune';
export {
  classificationScores,
  type ClassificationScores,
  type ClassificationScoresOptions,
} from './pipelines/classification-metrics';
export {
  finetuneChoice,
  type ChoiceQuestion,
  type FinetuneChoiceOptions,
  type FinetuneChoiceResult,
} from './pipelines/finetune-choice';
export type { ChoiceScoring } from './pipelines/choice-graphs';
export type { HeldOutScore } from './pipelines/held-out-lm';
export {
  ARCHITECTURE_OF,
  type Architecture,
  type Objective,
  type Pooling,
  type TinyModelConfig,
} from './pipelines/tiny-models';
export { specialIds, type SpecialIds } from './pipelines/special-ids';
export {
  finetunePretrained,
  type FinetunePretrainedOptions,
  type FinetunePretrainedResult,
} from './pipelines/finetune-pretrained';
export { withClassifierHead, type HeadOrigin } from './pipelines/classifier-head';
export {
  encodeLabelled,
  pretrainedCollate,
  type EncodedExample,
  type LabelledInput,
} from './pipelines/pretrained-collate';
export type { ClassPredictions } from './pipelines/predict-classes';
export {
  continuePretraining,
  type ContinuePretrainingOptions,
  type ContinuePretrainingResult,
} from './pipelines/continue-pretraining';
export {
  finetuneMultipleChoice,
  type EncodedChoices,
  type FinetuneMultipleChoiceOptions,
  type FinetuneMultipleChoiceResult,
  type MultipleChoiceItem,
} from './pipelines/finetune-multiple-choice';
export {
  runPretrainedTask,
  type PretrainedRunInfo,
  type PretrainedRunOptions,
  type PretrainedTaskSpec,
} from './pipelines/run-pretrained-task';
export {
  finetuneQuestionAnswering,
  type FinetuneQuestionAnsweringOptions,
  type FinetuneQuestionAnsweringResult,
  type QaItem,
} from './pipelines/finetune-question-answering';
export {
  finetuneTokenClassification,
  type FinetuneTokenClassificationOptions,
  type FinetuneTokenClassificationResult,
  type TaggedSentence,
} from './pipelines/finetune-token-classification';
