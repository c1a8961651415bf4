export { accuracyScore } from './accuracy-score';
export { balancedAccuracyScore } from './balanced-accuracy-score';
export { classificationReport } from './classification-report';
export { cohenKappaScore } from './cohen-kappa-score';
export { confusionMatrix } from './confusion-matrix';
export { errorRate } from './error-rate';
export { f1Score } from './f1-score';
export { fbetaScore } from './fbeta-score';
export { matthewsCorrcoef } from './matthews-corrcoef';
export { precisionRecallFscoreSupport } from './precision-recall-fscore-support';
export { precisionScore } from './precision-score';
export { recallScore } from './recall-score';
export { topKAccuracyScore } from './top-k-accuracy-score';
export { brierScoreLoss } from './brier-score-loss';
export { logLoss } from './log-loss';
export { calibrationCurve } from './calibration-curve';
export { expectedCalibrationError, maxCalibrationError } from './calibration-error';
export { reliabilityDiagram, ROW_SUM_TOLERANCE } from './reliability-diagram';
export { reliabilityDiagramSvg } from './reliability-diagram-svg';
export { perplexity } from './perplexity';
export { squadCorpus, squadNormalize, squadScore } from './squad';
export { ssa, ssaAgreement } from './ssa';
export { aggregateRaters, fleissKappa } from './fleiss-kappa';
export { approximateRandomizationTest } from './approximate-randomization-test';
export { bootstrapConfidenceInterval } from './bootstrap-confidence-interval';
export { wilsonInterval } from './wilson-interval';
export { pyFormatFixed } from './python-format';
export { meanStatistics } from './corpus-statistics';
export { pairedBootstrapTest } from './paired-bootstrap-test';
export { seedSpread } from './seed-spread';
export { expectedMaximum } from './expected-maximum';
export { leveneTest } from './levene-test';
export { MetricsError } from './errors';
export type { MetricsErrorCode } from './errors';
export type { AccuracyOptions } from './accuracy-score';
export type { BalancedAccuracyOptions } from './balanced-accuracy-score';
export type {
  ClassificationReportDict,
  ClassificationReportOptions,
  ClassificationReportRow,
} from './classification-report';
export type { CohenKappaOptions } from './cohen-kappa-score';
export type { ConfusionMatrix, ConfusionMatrixOptions } from './confusion-matrix';
export type { MatthewsCorrcoefOptions } from './matthews-corrcoef';
export type {
  FbetaOptions,
  PrecisionRecallFscoreOptions,
  PrecisionRecallFscoreSupport,
} from './precision-recall-fscore-support';
export type { TopKAccuracyOptions } from './top-k-accuracy-score';
export type { BrierScoreLossOptions } from './brier-score-loss';
export type { LogLossOptions } from './log-loss';
export type {
  CalibrationCurve,
  CalibrationCurveOptions,
  CalibrationStrategy,
} from './calibration-curve';
export type {
  CalibrationErrorOptions,
  ReliabilityBin,
  ReliabilityDiagram,
} from './reliability-diagram';
export type { ReliabilityDiagramSvgOptions } from './reliability-diagram-svg';
export type { PerplexityOptions, PerplexityResult, TokenValues } from './perplexity';
export type { SquadScore } from './squad';
export type { RaterAgreement, SsaRating, SsaRatings, SsaResult, SsaScore } from './ssa';
export type { BootstrapOptions, ConfidenceInterval } from './bootstrap-confidence-interval';
export type { CorpusScore, ItemStatistics } from './corpus-statistics';
export type { SignificanceOptions, SignificanceResult } from './paired-bootstrap-test';
export type { SeedSpread, SeedSpreadOptions } from './seed-spread';
export type { ExpectedMaximum, ExpectedMaximumOptions } from './expected-maximum';
export type { LeveneOptions, LeveneResult } from './levene-test';
export type { GeneratorKind } from './random';
export type {
  Average,
  Label,
  MetricWarning,
  WarningCategory,
  WarningOptions,
  ZeroDivision,
} from './types';
export {
  bleuTokenize,
  tokenize13a,
  tokenizeChar,
  tokenizeIntl,
  tokenizeZh,
  BLEU_TOKENIZERS,
} from './bleu-tokenizers';
export { bleuFromStatistics, bleuStatistics, corpusBleu, sentenceBleu } from './corpus-bleu';
export type { BleuTokenizeOptions, BleuTokenizerName } from './bleu-tokenizers';
export type { BleuOptions, BleuScore, BleuStatistics, SmoothMethod } from './corpus-bleu';
export type { GenerationWarning, GenerationWarningHandler } from './generation-warning';
export type { ReferenceStreams } from './sacrebleu-input';
export { chrfFromStatistics, chrfStatistics, corpusChrf, sentenceChrf } from './corpus-chrf';
export type { ChrfOptions, ChrfScore, ChrfStatistics } from './corpus-chrf';
export { corpusTer, sentenceTer, terFromStatistics, terStatistics } from './corpus-ter';
export { tercomTokenize } from './ter-tokenizer';
export type { TerOptions, TerScore, TerStatistics } from './corpus-ter';
export type { TercomTokenizerOptions } from './ter-tokenizer';
export { corpusRouge } from './corpus-rouge';
export { porterStem } from './porter-stemmer';
export { DEFAULT_ROUGE_TYPES, RougeScorer } from './rouge-scorer';
export { rougeTokenize } from './rouge-tokenize';
export type { CorpusRougeOptions, CorpusRougeResult } from './corpus-rouge';
export type { RougeScore, RougeScorerOptions, RougeType } from './rouge-scorer';
export type { RougeTokenizeOptions } from './rouge-tokenize';
export { bleuFromTotals } from './corpus-bleu';
export { chrfFromTotals } from './corpus-chrf';
export { terFromTotals } from './corpus-ter';
export type { BleuTotalsOptions } from './corpus-bleu';
export type { ChrfTotalsOptions } from './corpus-chrf';
