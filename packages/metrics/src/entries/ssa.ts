export {
  ssa,
  ssaAgreement,
  type RaterAgreement,
  type SsaRating,
  type SsaRatings,
  type SsaResult,
  type SsaScore,
} from '../ssa';
export { aggregateRaters, fleissKappa } from '../fleiss-kappa';
export { cohenKappaScore, type CohenKappaOptions } from '../cohen-kappa-score';
export { MetricsError, type MetricsErrorCode } from '../errors';
export type { MetricWarning, WarningCategory, WarningOptions } from '../types';
