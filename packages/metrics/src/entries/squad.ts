export { squadCorpus, squadNormalize, squadScore, type SquadScore } from '../squad';
export { MetricsError, type MetricsErrorCode } from '../errors';
