export { corpusRouge, type CorpusRougeOptions, type CorpusRougeResult } from '../corpus-rouge';
export { MetricsError } from '../errors';
export { porterStem } from '../porter-stemmer';
export {
  DEFAULT_ROUGE_TYPES,
  RougeScorer,
  type RougeScore,
  type RougeScorerOptions,
  type RougeType,
} from '../rouge-scorer';
export { rougeTokenize, type RougeTokenizeOptions } from '../rouge-tokenize';
