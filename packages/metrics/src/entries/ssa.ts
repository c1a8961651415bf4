export { ssa, ssaAgreement } from '../ssa';
export { aggregateRaters, fleissKappa } from '../fleiss-kappa';
export { cohenKappaScore } from '../cohen-kappa-score';
export { MetricsError } from '../errors';
export type { MetricsErrorCode } from '../errors';
export type { RaterAgreement, SsaRating, SsaRatings, SsaResult, SsaScore } from '../ssa';
export type { CohenKappaOptions } from '../cohen-kappa-score';
export type { MetricWarning, WarningCategory, WarningOptions } from '../types';
