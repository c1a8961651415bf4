// The model format: errors, data types, protobuf shapes, tensors, reading and writing
export { OnnxError, type OnnxErrorCode } from './errors';
export {
  BYTES_PER_ELEMENT,
  dataTypeFromOnnx,
  dataTypeToOnnx,
  type DataType,
  type DataTypeArrays,
  type TensorArray,
  type TensorData,
} from './data-type';
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
export { readModel, readModelFile, type ReadModelFileOptions } from './read-model';
export { writeModel, writeModelFile, type WriteModelFileOptions } from './write-model';
export {
  writeFileAtomic,
  type FileContents,
  type WriteFileAtomicOptions,
} from './write-file-atomic';
export { Graph, graphFromModel, graphToModel, type AddNodeOptions, type ModelInfo } from './graph';

// Autodiff, losses and runner
export {
  buildGradientGraph,
  type GradientGraph,
  type GradientGraphOptions,
} from './autodiff/build-gradient-graph';
export { GRADIENT_RULES, type GradientRule, type RuleContext } from './autodiff/gradient-rules';
export { seedDropout } from './autodiff/seed-dropout';
export {
  recomputeSegments,
  transformerLayerOf,
  type RecomputeReport,
  type RecomputeSegmentsOptions,
} from './autodiff/recompute-segments';
export {
  addCausalLmLoss,
  addMseLoss,
  addSoftmaxCrossEntropyLoss,
  type CrossEntropyOptions,
  type LossOptions,
} from './losses/add-loss';
export {
  TrainingRunner,
  createGradientSession,
  stepSeed,
  type BatchTensor,
  type ExecutionProvider,
  type GradientSessionOptions,
  type StepOptions,
  type StepResult,
} from './runner/create-gradient-session';

// Builder
export {
  GraphBuilder,
  type GraphBuilderOptions,
  type Init,
  type OpOptions,
  type ValueLike,
} from './builder/graph-builder';
export { SeededRandom } from './builder/seeded-random';
export { broadcastShapes, inferShape, type ValueType } from './builder/infer-shape';
export {
  FLOAT32_MIN,
  dropout,
  gelu,
  layerNorm,
  linear,
  mlp,
  nested,
  parameterPrefix,
  type LinearOptions,
  type MlpOptions,
} from './builder/layers';
export {
  causalMaskBias,
  multiHeadAttention,
  paddingMaskBias,
  type AttentionOptions,
} from './builder/attention';
export { embeddings, type EmbeddingsOptions } from './builder/embeddings';
export { BUILDER_METADATA_KEY, buildBert } from './builder/build-bert';
export { buildGpt2 } from './builder/build-gpt2';
export type {
  BertConfig,
  BuildOptions,
  Gpt2BuildOptions,
  Gpt2Config,
} from './builder/model-config';

// Surgery
export {
  addClassificationHead,
  type ClassificationHeadOptions,
} from './surgery/add-classification-head';
export { addMaskedLmHead, type MaskedLmHeadOptions } from './surgery/add-masked-lm-head';
export {
  addQuestionAnsweringHead,
  type QuestionAnsweringHeadOptions,
} from './surgery/add-question-answering-head';
export {
  addTokenClassificationHead,
  type TokenClassificationHeadOptions,
} from './surgery/add-token-classification-head';
export { addLora, type LoraAdapter, type LoraOptions } from './surgery/add-lora';
export { mergeLora } from './surgery/merge-lora';
export {
  ADAPTER_SITES,
  insertAdapters,
  type Adapter,
  type AdapterOptions,
} from './surgery/insert-adapters';
export {
  addPrefixTuning,
  type AttentionPrefix,
  type PrefixTuningOptions,
} from './surgery/add-prefix-tuning';
export { addFlTuning, type FlTuningOptions, type FlUnits } from './surgery/add-fl-tuning';
export { initializersToInputs, inputsToInitializers } from './surgery/initializers-to-inputs';
export { writeWeights, type WriteWeightsOptions } from './surgery/write-weights';
export { pruneGraph, type PruneOptions } from './surgery/prune-graph';
export { renameInputs, renameOutputs } from './surgery/rename-values';
export { sortNodes, splice } from './surgery/splice';
export { setDropoutMode, type DropoutModeOptions } from './surgery/set-dropout-mode';

// Structural map of transformer graphs
export {
  mapModelStructure,
  type HeadProjection,
  type LayerSites,
  type ModelStructure,
  type ParameterPart,
  type ParameterPlace,
} from './structure/model-structure';
export type { FamilyName } from './structure/architectures';
export { restoreTrainableLayout } from './structure/restore-layout';
export { insertDropout, type DropoutRates } from './structure/insert-dropout';
