export { TrainingError } from './errors';
export type { TrainingErrorCode } from './errors';
export type { Grads, ParamGroup, Params } from './types';
export {
  constantSchedule,
  constantWithWarmupSchedule,
  cosineSchedule,
  cosineWithRestartsSchedule,
  getSchedule,
  inverseSqrtSchedule,
  linearSchedule,
  oneCycleSchedule,
  polynomialSchedule,
  slantedTriangularSchedule,
  warmupStableDecaySchedule,
} from './schedules';
export type {
  CosineOptions,
  DecayOptions,
  GetScheduleOptions,
  OneCycleOptions,
  PolynomialOptions,
  Schedule,
  ScheduleName,
  SlantedTriangularOptions,
  WarmupOptions,
  WarmupStableDecayOptions,
} from './schedules';
export { Adam, AdamW, BertAdam, Optimizer, Sgd } from './optimizer';
export type { AdamOptions, BaseOptimizerOptions, OptimizerState, ResolvedGroup, SgdOptions } from './optimizer';
export { clipGradNorm, clipGradValue } from './clip-grad';
export type { ClipGradNormOptions } from './clip-grad';
export {
  defaultLayerOf,
  discriminativeGroups,
  isNoDecayParameter,
  layerwiseLrDecayGroups,
  weightDecayGroups,
} from './param-groups';
export type { LayerwiseLrDecayOptions, WeightDecayGroupsOptions } from './param-groups';
