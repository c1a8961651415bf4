export type {
  Encoding,
  IntElementType,
  Offset,
  PaddingStrategy,
  PairTemplate,
  Side,
  TemplatePiece,
  TensorElementArrays,
  TensorElementType,
  TensorLike,
  TokenizerLike,
  TokenOrId,
  TokenSequence,
  TruncationStrategy,
} from './types';
export { TaskInputError, type TaskInputErrorCode } from './errors';
export {
  collateBatch,
  collateMultipleChoice,
  type CollatedBatch,
  type CollateItem,
  type CollateOptions,
  type IntTensor,
  type MultipleChoiceItem,
} from './collate-batch';
export {
  encodeInputs,
  encodeInputsBatch,
  type BatchInput,
  type EncodeInputsOptions,
} from './encode-inputs';
export { encodingWindows } from './encoding-windows';
export {
  gptClassification,
  gptEntailment,
  gptMultipleChoice,
  gptSimilarity,
  type GptMultipleChoiceExample,
  type GptMultipleChoiceInput,
  type GptTaskInput,
  type GptTaskOptions,
  type GptTaskTokens,
} from './gpt-task-inputs';
export { iclPrompt, type IclPrompt, type IclPromptOptions, type PromptFields } from './icl-prompt';
export { MAX_PADDED_LENGTH, padEncodings, type PadOptions } from './pad-encodings';
export { padRows, type PaddedRows, type PaddedTensorTypes, type PadRowsOptions } from './pad-rows';
export {
  bertTemplate,
  parseTemplate,
  robertaTemplate,
  templateFromPostProcessor,
} from './pair-template';
export {
  qaAnswerSpan,
  qaFeatures,
  type QaAnswer,
  type QaFeature,
  type QaFeatureOptions,
} from './qa-features';
