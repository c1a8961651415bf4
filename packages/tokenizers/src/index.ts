export { Tokenizer } from './tokenizer';
export { MAX_PADDED_LENGTH } from './padding';
export { createModel, MODEL_TYPES } from './create-model';
export { TokenizerError } from './errors';
export { WordPieceModel } from './wordpiece';
export { BpeModel } from './bpe';
export { UnigramModel } from './unigram';
export { WordLevelModel } from './word-level';
export { NORMALIZER_TYPES } from './normalizers/create-normalizer';
export { PRE_TOKENIZER_TYPES } from './pre-tokenizers';
export { POST_PROCESSOR_TYPES } from './post-processors';
export { DECODER_TYPES } from './decoders';
export { byteLevelBpeJsonFromFiles, wordPieceJsonFromVocab } from './from-vocab';
export type { TokenizerErrorCode } from './errors';
export type { EncodeInput, TokenizerParts } from './tokenizer';
export type { PaddingParams } from './padding';
export type { TruncationParams } from './truncation';
export type { Model, TokenSink } from './model';
export type { WordPieceOptions } from './wordpiece';
export type { BpeOptions } from './bpe';
export type { UnigramOptions } from './unigram';
export type { ByteLevelBpeOptions, WordPieceVocabOptions } from './from-vocab';
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
// Training (src/trainers): BPE, byte-level BPE, WordPiece and Unigram trainers writing tokenizer.json.
export { trainWordPiece } from './trainers/train-wordpiece';
export { trainBpe } from './trainers/train-bpe';
export { trainByteLevelBpe } from './trainers/train-byte-level-bpe';
export { trainUnigram } from './trainers/train-unigram';
export { learnBpe, trainBpeModel } from './trainers/bpe-trainer';
export { trainWordPieceModel } from './trainers/wordpiece-trainer';
export { trainUnigramModel } from './trainers/unigram-trainer';
export { countWords } from './trainers/count-words';
export {
  byteLevelAlphabet,
  createTrainingSplitter,
  TRAINING_NORMALIZER_TYPES,
  TRAINING_PRE_TOKENIZER_TYPES,
} from './trainers/training-splitter';
export type { TrainingSplitter } from './trainers/training-splitter';
export type { BpeTrainerOptions, BpeTrainingResult } from './trainers/bpe-trainer';
export type { WordPieceTrainerOptions } from './trainers/wordpiece-trainer';
export type { UnigramTrainerOptions } from './trainers/unigram-trainer';
export type { TrainWordPieceOptions } from './trainers/train-wordpiece';
export type { TrainBpeOptions } from './trainers/train-bpe';
export type { TrainByteLevelBpeOptions } from './trainers/train-byte-level-bpe';
export type { TrainUnigramOptions } from './trainers/train-unigram';
export type { NormalizerPreset, PipelineOptions } from './trainers/assemble-tokenizer-json';
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
