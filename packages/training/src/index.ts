export { TrainingError } from './errors';
export type { TrainingErrorCode } from './errors';
