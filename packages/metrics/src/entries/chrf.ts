export {
  chrfFromStatistics,
  chrfFromTotals,
  chrfStatistics,
  corpusChrf,
  sentenceChrf,
} from '../corpus-chrf';
export { MetricsError } from '../errors';
export type { ChrfOptions, ChrfScore, ChrfStatistics, ChrfTotalsOptions } from '../corpus-chrf';
export type { ReferenceStreams } from '../sacrebleu-input';
