export {
  corpusTer,
  sentenceTer,
  terFromStatistics,
  terFromTotals,
  terStatistics,
  type TerOptions,
  type TerScore,
  type TerStatistics,
} from '../corpus-ter';
export { MetricsError } from '../errors';
export { tercomTokenize, type TercomTokenizerOptions } from '../ter-tokenizer';
export type { ReferenceStreams } from '../sacrebleu-input';
