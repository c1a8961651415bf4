export { accuracyScore } from './accuracy-score';
export { MetricsError } from './errors';
export type { AccuracyOptions } from './accuracy-score';
export type { MetricsErrorCode } from './errors';
export type { Label } from './types';
