export {
  bleuTokenize,
  tokenize13a,
  tokenizeChar,
  tokenizeIntl,
  tokenizeZh,
  BLEU_TOKENIZERS,
} from '../bleu-tokenizers';
export {
  bleuFromStatistics,
  bleuFromTotals,
  bleuStatistics,
  corpusBleu,
  sentenceBleu,
} from '../corpus-bleu';
export { MetricsError } from '../errors';
export type { BleuTokenizeOptions, BleuTokenizerName } from '../bleu-tokenizers';
export type {
  BleuOptions,
  BleuScore,
  BleuStatistics,
  BleuTotalsOptions,
  SmoothMethod,
} from '../corpus-bleu';
export type { GenerationWarning, GenerationWarningHandler } from '../generation-warning';
export type { ReferenceStreams } from '../sacrebleu-input';
