export {
  bleuTokenize,
  tokenize13a,
  tokenizeChar,
  tokenizeIntl,
  tokenizeZh,
  BLEU_TOKENIZERS,
  type BleuTokenizeOptions,
  type BleuTokenizerName,
} from '../bleu-tokenizers';
export {
  bleuFromStatistics,
  bleuFromTotals,
  bleuStatistics,
  corpusBleu,
  sentenceBleu,
  type BleuOptions,
  type BleuScore,
  type BleuStatistics,
  type BleuTotalsOptions,
  type SmoothMethod,
} from '../corpus-bleu';
export { MetricsError } from '../errors';
export type { GenerationWarning, GenerationWarningHandler } from '../generation-warning';
export type { ReferenceStreams } from '../sacrebleu-input';
