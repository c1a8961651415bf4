// The tokenizer, its JSON format and the error class
export { Tokenizer, type EncodeInput, type TokenizerParts } from './tokenizer';
export type {
  AddedToken,
  AddedTokenJson,
  DecodeOptions,
  DecoderJson,
  EncodeOptions,
  Encoding,
  ModelJson,
  NormalizerJson,
  Offset,
  PaddingJson,
  PaddingOptions,
  PatternJson,
  PostProcessorJson,
  PreTokenizerJson,
  SplitBehavior,
  TemplatePieceJson,
  TokenizerJson,
  TruncationJson,
  TruncationOptions,
} from './types';
export { TokenizerError, type TokenizerErrorCode } from './errors';
export { MAX_PADDED_LENGTH, type PaddingParams } from './padding';
export type { TruncationParams } from './truncation';

// Models and pipeline components
export type { Model, TokenSink } from './model';
export { createModel, MODEL_TYPES } from './create-model';
export { WordPieceModel, type WordPieceOptions } from './wordpiece';
export { BpeModel, type BpeOptions } from './bpe';
export { UnigramModel, type UnigramOptions } from './unigram';
export { WordLevelModel } from './word-level';
export { NORMALIZER_TYPES } from './normalizers/create-normalizer';
export { PRE_TOKENIZER_TYPES } from './pre-tokenizers';
export { POST_PROCESSOR_TYPES } from './post-processors';
export { DECODER_TYPES } from './decoders';
export {
  byteLevelBpeJsonFromFiles,
  wordPieceJsonFromVocab,
  type ByteLevelBpeOptions,
  type WordPieceVocabOptions,
} from './from-vocab';

// Training (src/trainers): BPE, byte-level BPE, WordPiece and Unigram trainers writing tokenizer.json.
export type {
  BpeModelJson,
  CommonTrainerOptions,
  ComponentJson,
  TrainedAddedToken,
  TrainedTokenizerJson,
  TrainingProgress,
  TrainingTexts,
  UnigramModelJson,
  WordPieceModelJson,
} from './trainers/types';
export { trainWordPiece, type TrainWordPieceOptions } from './trainers/train-wordpiece';
export { trainBpe, type TrainBpeOptions } from './trainers/train-bpe';
export { trainByteLevelBpe, type TrainByteLevelBpeOptions } from './trainers/train-byte-level-bpe';
export { trainUnigram, type TrainUnigramOptions } from './trainers/train-unigram';
export {
  learnBpe,
  trainBpeModel,
  type BpeTrainerOptions,
  type BpeTrainingResult,
} from './trainers/bpe-trainer';
export { trainWordPieceModel, type WordPieceTrainerOptions } from './trainers/wordpiece-trainer';
export { trainUnigramModel, type UnigramTrainerOptions } from './trainers/unigram-trainer';
export { countWords } from './trainers/count-words';
export {
  byteLevelAlphabet,
  createTrainingSplitter,
  TRAINING_NORMALIZER_TYPES,
  TRAINING_PRE_TOKENIZER_TYPES,
  type TrainingSplitter,
} from './trainers/training-splitter';
export type { NormalizerPreset, PipelineOptions } from './trainers/assemble-tokenizer-json';
