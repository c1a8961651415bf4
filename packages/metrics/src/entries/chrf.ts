export {
  chrfFromStatistics,
  chrfFromTotals,
  chrfStatistics,
  corpusChrf,
  sentenceChrf,
  type ChrfOptions,
  type ChrfScore,
  type ChrfStatistics,
  type ChrfTotalsOptions,
} from '../corpus-chrf';
export { MetricsError } from '../errors';
export type { ReferenceStreams } from '../sacrebleu-input';
