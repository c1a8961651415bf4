export { TrainingError } from './errors';
export type { TrainingErrorCode } from './errors';
export type { Grads, LossAndGrads, ParamGroup, Params, StepContext, Trainable } from './types';
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
} from './schedules';
export type {
  CosineAnnealingOptions,
  CosineAnnealingWarmRestartsOptions,
  CosineOptions,
  CosineWarmupWithMinLrOptions,
  CosineWithMinLrOptions,
  CosineWithRestartsOptions,
  DecayOptions,
  EtaMinOptions,
  ExponentialLrOptions,
  GetScheduleOptions,
  InverseSqrtOptions,
  MomentumSchedule,
  MultiStepLrOptions,
  OneCycleMomentumOptions,
  OneCycleOptions,
  PlateauSchedule,
  PlateauState,
  PolynomialOptions,
  ReduceLrOnPlateauOptions,
  Schedule,
  ScheduleName,
  SlantedTriangularOptions,
  StepLrOptions,
  WarmupOptions,
  WarmupStableDecayOptions,
  WsdDecayType,
  WsdWarmupType,
} from './schedules';
export { Adam, AdamW, BertAdam, Optimizer, Sgd } from './optimizer';
export { TransformersAdamW } from './optimizer-legacy-adamw';
export type { TransformersAdamWOptions } from './optimizer-legacy-adamw';
export { Adafactor } from './adafactor';
export type { AdafactorOptions } from './adafactor';
export type {
  AdamOptions,
  AdamUpdateKernel,
  BertAdamOptions,
  BaseOptimizerOptions,
  OptimizerState,
  ResolvedGroup,
  SgdOptions,
} from './optimizer';
export { clipGradNorm, clipGradValue } from './clip-grad';
export type { ClipGradNormOptions } from './clip-grad';
export {
  defaultLayerOf,
  discriminativeGroups,
  isNoDecayParameter,
  layerwiseLrDecayGroups,
  weightDecayGroups,
} from './param-groups';
export type { LayerwiseLrDecayOptions, WeightDecayGroupsOptions } from './param-groups';
export { noDecayInGraph } from './param-groups';
export { hfNoDecayName, structuralNoDecayParameters } from './param-groups-graph';
export type { GraphNodeLike, ParameterGraphLike } from './param-groups-graph';
export { SeededRng } from './seeded-rng';
export type { RngState } from './seeded-rng';
export {
  freezeAllButHead,
  freezeBottomLayers,
  fullFineTuning,
  gradualUnfreezing,
} from './freeze-plan';
export type {
  FreezePlan,
  GradualUnfreezingOptions,
  LayerMap,
  LayerPlanOptions,
} from './freeze-plan';
export { writeFileAtomic } from './write-file-atomic';
export { loadCheckpoint, parseCheckpoint, saveCheckpoint, serializeCheckpoint } from './checkpoint';
export type { Checkpoint } from './checkpoint';
export { Trainer } from './trainer';
export type { LogEntry, TrainerOptions, TrainerProgress, TrainResult } from './trainer';
export type { GradientsTransfer } from './gradient-sums';
export { earlyStoppingStep, simulateEarlyStopping } from './early-stopping';
export type {
  EarlyStoppingDecision,
  EarlyStoppingOptions,
  EarlyStoppingRule,
  EarlyStoppingState,
  EarlyStoppingTrace,
} from './early-stopping';
export { ClassificationHead } from './classification-head';
export type { ClassificationHeadOptions, FeatureExample } from './classification-head';
export { cachedFeatures } from './cached-features';
export type { CachedFeaturesOptions, FeatureExtractorLike } from './cached-features';
export { encoderWithHeadToOnnx, headToOnnx } from './export-head';
export type { EncoderWithHeadOptions } from './export-head';
export { runSeeds } from './seed-runs';
export type { Recipe, RunSeedsOptions, SeedReport, SeedRun } from './seed-runs';
export { spreadSvg, writeSpreadSvg } from './spread-svg';
export type { SpreadGroup, SpreadSvgOptions } from './spread-svg';
export { gridSearch, randomSearch, resultsTable, successiveHalving } from './search';
export type { Config, Sampler, SuccessiveHalvingOptions, Trial } from './search';
export { OnnxTrainable } from './onnx-trainable';
export type { OnnxSnapshot, OnnxTrainableOptions } from './onnx-trainable';
export { IGNORE_INDEX, maskTokens, packTokenBlocks } from './masked-lm';
export type { MaskTokensOptions, MaskedTokens, PackTokenBlocksOptions } from './masked-lm';
export { fromPretrained } from './pretrained/from-pretrained';
export type {
  FromPretrainedOptions,
  PretrainedModel,
  PretrainedTask,
} from './pretrained/from-pretrained';
export { SUPPORTED_MODEL_TYPES, parsePretrainedConfig } from './pretrained/hf-config';
export type { PretrainedConfig, SupportedModelType } from './pretrained/hf-config';
export { assertTrainableOps } from './pretrained/trainable-ops';
export { savePretrained } from './pretrained/save-pretrained';
export { FINETUNE_STRATEGIES, prepareStrategy } from './pretrained/strategies';
export type { FinetuneStrategy, StrategyOptions, StrategySetup } from './pretrained/strategies';
export type { SavePretrainedOptions } from './pretrained/save-pretrained';
// The high-level pipelines: pre-train a tiny model, fine-tune a classifier, score it (src/pipelines).
export { pretrainLanguageModel } from './pipelines/pretrain';
export type { PretrainOptions, PretrainResult } from './pipelines/pretrain';
export { STRATEGIES, finetuneClassifier } from './pipelines/finetune';
export type { FinetuneOptions, FinetuneResult, LabelledText, Strategy } from './pipelines/finetune';
export { classificationScores } from './pipelines/classification-metrics';
export type { ClassificationScores } from './pipelines/classification-metrics';
export { finetuneChoice } from './pipelines/finetune-choice';
export type {
  ChoiceQuestion,
  FinetuneChoiceOptions,
  FinetuneChoiceResult,
} from './pipelines/finetune-choice';
export type { ChoiceScoring } from './pipelines/choice-graphs';
export type { HeldOutScore } from './pipelines/held-out-lm';
export { ARCHITECTURE_OF } from './pipelines/tiny-models';
export type { Architecture, Objective, Pooling, TinyModelConfig } from './pipelines/tiny-models';
export { specialIds } from './pipelines/special-ids';
export type { SpecialIds } from './pipelines/special-ids';
export { finetunePretrained } from './pipelines/finetune-pretrained';
export type {
  FinetunePretrainedOptions,
  FinetunePretrainedResult,
} from './pipelines/finetune-pretrained';
export { withClassifierHead } from './pipelines/classifier-head';
export type { HeadOrigin } from './pipelines/classifier-head';
export { encodeLabelled, pretrainedCollate } from './pipelines/pretrained-collate';
export type { EncodedExample, LabelledInput } from './pipelines/pretrained-collate';
export type { ClassPredictions } from './pipelines/predict-classes';
export { continuePretraining } from './pipelines/continue-pretraining';
export type {
  ContinuePretrainingOptions,
  ContinuePretrainingResult,
} from './pipelines/continue-pretraining';
export { finetuneMultipleChoice } from './pipelines/finetune-multiple-choice';
export type {
  EncodedChoices,
  FinetuneMultipleChoiceOptions,
  FinetuneMultipleChoiceResult,
  MultipleChoiceItem,
} from './pipelines/finetune-multiple-choice';
export { runPretrainedTask } from './pipelines/run-pretrained-task';
export type {
  PretrainedRunInfo,
  PretrainedRunOptions,
  PretrainedTaskSpec,
} from './pipelines/run-pretrained-task';
export { finetuneQuestionAnswering } from './pipelines/finetune-question-answering';
export type {
  FinetuneQuestionAnsweringOptions,
  FinetuneQuestionAnsweringResult,
  QaItem,
} from './pipelines/finetune-question-answering';
export { finetuneTokenClassification } from './pipelines/finetune-token-classification';
export type {
  FinetuneTokenClassificationOptions,
  FinetuneTokenClassificationResult,
  TaggedSentence,
} from './pipelines/finetune-token-classification';
