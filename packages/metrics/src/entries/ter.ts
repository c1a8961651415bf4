export {
  corpusTer,
  sentenceTer,
  terFromStatistics,
  terFromTotals,
  terStatistics,
} from '../corpus-ter';
export { MetricsError } from '../errors';
export { tercomTokenize } from '../ter-tokenizer';
export type { TerOptions, TerScore, TerStatistics } from '../corpus-ter';
export type { ReferenceStreams } from '../sacrebleu-input';
export type { TercomTokenizerOptions } from '../ter-tokenizer';
