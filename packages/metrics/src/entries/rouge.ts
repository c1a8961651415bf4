export { corpusRouge } from '../corpus-rouge';
export { MetricsError } from '../errors';
export { porterStem } from '../porter-stemmer';
export { DEFAULT_ROUGE_TYPES, RougeScorer } from '../rouge-scorer';
export { rougeTokenize } from '../rouge-tokenize';
export type { CorpusRougeOptions, CorpusRougeResult } from '../corpus-rouge';
export type { RougeScore, RougeScorerOptions, RougeType } from '../rouge-scorer';
export type { RougeTokenizeOptions } from '../rouge-tokenize';
