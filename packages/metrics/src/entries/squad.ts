export { squadCorpus, squadNormalize, squadScore } from '../squad';
export { MetricsError } from '../errors';
export type { MetricsErrorCode } from '../errors';
export type { SquadScore } from '../squad';
