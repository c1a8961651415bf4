export {
  perplexity,
  type PerplexityOptions,
  type PerplexityResult,
  type TokenValues,
} from '../perplexity';
export { MetricsError, type MetricsErrorCode } from '../errors';
export type { MetricWarning, WarningCategory, WarningOptions } from '../types';
