export { collateBatch, collateMultipleChoice } from './collate-batch';
export { encodeInputs, encodeInputsBatch } from './encode-inputs';
export { encodingWindows } from './encoding-windows';
export { TaskInputError } from './errors';
export {
  gptClassification,
  gptEntailment,
  gptMultipleChoice,
  gptSimilarity,
} from './gpt-task-inputs';
export { iclPrompt } from './icl-prompt';
export { MAX_PADDED_LENGTH, padEncodings } from './pad-encodings';
export {
  bertTemplate,
  parseTemplate,
  robertaTemplate,
  templateFromPostProcessor,
} from './pair-template';
export { qaAnswerSpan, qaFeatures } from './qa-features';
export type {
  CollatedBatch,
  CollateItem,
  CollateOptions,
  IntTensor,
  MultipleChoiceItem,
} from './collate-batch';
export type { BatchInput, EncodeInputsOptions } from './encode-inputs';
export type { TaskInputErrorCode } from './errors';
export type {
  GptMultipleChoiceExample,
  GptMultipleChoiceInput,
  GptTaskInput,
  GptTaskOptions,
  GptTaskTokens,
} from './gpt-task-inputs';
export type { IclPrompt, IclPromptOptions, PromptFields } from './icl-prompt';
export type { PadOptions } from './pad-encodings';
export type { QaAnswer, QaFeature, QaFeatureOptions } from './qa-features';
export type {
  Encoding,
  Offset,
  PaddingStrategy,
  PairTemplate,
  Side,
  TemplatePiece,
  TokenizerLike,
  TokenOrId,
  TokenSequence,
  TruncationStrategy,
} from './types';
