export { perplexity } from '../perplexity';
export { MetricsError } from '../errors';
export type { MetricsErrorCode } from '../errors';
export type { PerplexityOptions, PerplexityResult, TokenValues } from '../perplexity';
export type { MetricWarning, WarningCategory, WarningOptions } from '../types';
