export { OnnxError } from './errors';
export type { OnnxErrorCode } from './errors';
export { BYTES_PER_ELEMENT, dataTypeFromOnnx, dataTypeToOnnx } from './data-type';
export type { DataType, DataTypeArrays, TensorData } from './data-type';
export type {
  Attribute,
  Dim,
  GraphProto,
  ModelProto,
  Node,
  Tensor,
  TensorProto,
  ValueInfo,
} from './types';
export {
  elementCount,
  tensorDims,
  tensorFromProto,
  tensorFromTypedArray,
  tensorToProto,
  tensorToTypedArray,
} from './tensor-data';
export { readModel, readModelFile } from './read-model';
export type { ReadModelFileOptions } from './read-model';
export { writeModel, writeModelFile } from './write-model';
export type { WriteModelFileOptions } from './write-model';
export { Graph, graphFromModel, graphToModel } from './graph';
export type { AddNodeOptions, ModelInfo } from './graph';
// Autodiff, losses and runner
export { buildGradientGraph } from './autodiff/build-gradient-graph';
export type { GradientGraph, GradientGraphOptions } from './autodiff/build-gradient-graph';
export { GRADIENT_RULES } from './autodiff/gradient-rules';
export { seedDropout } from './autodiff/seed-dropout';
export { recomputeSegments, transformerLayerOf } from './autodiff/recompute-segments';
export type { RecomputeReport, RecomputeSegmentsOptions } from './autodiff/recompute-segments';
export type { GradientRule, RuleContext } from './autodiff/gradient-rules';
export { addCausalLmLoss, addMseLoss, addSoftmaxCrossEntropyLoss } from './losses/add-loss';
export type { CrossEntropyOptions, LossOptions } from './losses/add-loss';
export { TrainingRunner, createGradientSession, stepSeed } from './runner/create-gradient-session';
export type {
  BatchTensor,
  ExecutionProvider,
  GradientSessionOptions,
  StepOptions,
  StepResult,
} from './runner/create-gradient-session';
// Builder
export { GraphBuilder } from './builder/graph-builder';
export type { GraphBuilderOptions, Init, OpOptions, ValueLike } from './builder/graph-builder';
export { SeededRandom } from './builder/seeded-random';
export { broadcastShapes, inferShape } from './builder/infer-shape';
export type { ValueType } from './builder/infer-shape';
export {
  FLOAT32_MIN,
  dropout,
  gelu,
  layerNorm,
  linear,
  mlp,
  nested,
  parameterPrefix,
} from './builder/layers';
export type { LinearOptions, MlpOptions } from './builder/layers';
export { causalMaskBias, multiHeadAttention, paddingMaskBias } from './builder/attention';
export type { AttentionOptions } from './builder/attention';
export { embeddings } from './builder/embeddings';
export type { EmbeddingsOptions } from './builder/embeddings';
export { BUILDER_METADATA_KEY, buildBert } from './builder/build-bert';
export { buildGpt2 } from './builder/build-gpt2';
export type {
  BertConfig,
  BuildOptions,
  Gpt2BuildOptions,
  Gpt2Config,
} from './builder/model-config';
// Surgery
export { addClassificationHead } from './surgery/add-classification-head';
export type { ClassificationHeadOptions } from './surgery/add-classification-head';
export { addMaskedLmHead } from './surgery/add-masked-lm-head';
export { addQuestionAnsweringHead } from './surgery/add-question-answering-head';
export type { QuestionAnsweringHeadOptions } from './surgery/add-question-answering-head';
export { addTokenClassificationHead } from './surgery/add-token-classification-head';
export type { TokenClassificationHeadOptions } from './surgery/add-token-classification-head';
export type { MaskedLmHeadOptions } from './surgery/add-masked-lm-head';
export { addLora } from './surgery/add-lora';
export { mergeLora } from './surgery/merge-lora';
export type { LoraAdapter, LoraOptions } from './surgery/add-lora';
export { ADAPTER_SITES, insertAdapters } from './surgery/insert-adapters';
export type { Adapter, AdapterOptions } from './surgery/insert-adapters';
export { addPrefixTuning } from './surgery/add-prefix-tuning';
export type { AttentionPrefix, PrefixTuningOptions } from './surgery/add-prefix-tuning';
export { initializersToInputs, inputsToInitializers } from './surgery/initializers-to-inputs';
export { writeWeights } from './surgery/write-weights';
export type { WriteWeightsOptions } from './surgery/write-weights';
export { pruneGraph } from './surgery/prune-graph';
export type { PruneOptions } from './surgery/prune-graph';
export { renameInputs, renameOutputs } from './surgery/rename-values';
export { sortNodes, splice } from './surgery/splice';
export { setDropoutMode } from './surgery/set-dropout-mode';
export type { DropoutModeOptions } from './surgery/set-dropout-mode';
// Structural map of transformer graphs
export { mapModelStructure } from './structure/model-structure';
export type {
  HeadProjection,
  LayerSites,
  ModelStructure,
  ParameterPart,
  ParameterPlace,
} from './structure/model-structure';
export type { FamilyName } from './structure/architectures';
export { restoreTrainableLayout } from './structure/restore-layout';
export { insertDropout } from './structure/insert-dropout';
export type { DropoutRates } from './structure/insert-dropout';
export { addFlTuning } from './surgery/add-fl-tuning';
export type { FlTuningOptions, FlUnits } from './surgery/add-fl-tuning';
