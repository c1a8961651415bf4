export { approximateRandomizationTest } from '../approximate-randomization-test';
export {
  bootstrapConfidenceInterval,
  type BootstrapOptions,
  type ConfidenceInterval,
} from '../bootstrap-confidence-interval';
export { wilsonInterval } from '../wilson-interval';
export { meanStatistics, type CorpusScore, type ItemStatistics } from '../corpus-statistics';
export {
  pairedBootstrapTest,
  type SignificanceOptions,
  type SignificanceResult,
} from '../paired-bootstrap-test';
export { seedSpread, type SeedSpread, type SeedSpreadOptions } from '../seed-spread';
export {
  expectedMaximum,
  type ExpectedMaximum,
  type ExpectedMaximumOptions,
} from '../expected-maximum';
export { leveneTest, type LeveneOptions, type LeveneResult } from '../levene-test';
export { pairedTTest, type PairedTTestOptions, type PairedTTestResult } from '../paired-t-test';
export type { GeneratorKind } from '../random';
export { MetricsError, type MetricsErrorCode } from '../errors';
