export { encodeInputs, encodeInputsBatch } from './encode-inputs';
export { encodingWindows } from './encoding-windows';
export { TaskInputError } from './errors';
export { padEncodings } from './pad-encodings';
export { bertTemplate, parseTemplate, robertaTemplate, templateFromPostProcessor } from './pair-template';
export type { BatchInput, EncodeInputsOptions } from './encode-inputs';
export type { TaskInputErrorCode } from './errors';
export type { PadOptions } from './pad-encodings';
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
