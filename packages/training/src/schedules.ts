// Learning-rate schedules, one per file under ./schedules; this module re-exports them for index.ts and trainer.ts.
export type { DecayOptions, Schedule, WarmupOptions } from './schedules/types';
export { constantSchedule, constantWithWarmupSchedule } from './schedules/constant-schedule';
export {
  cosineAnnealingSchedule,
  type CosineAnnealingOptions,
  type EtaMinOptions,
} from './schedules/cosine-annealing-schedule';
export {
  cosineAnnealingWarmRestartsSchedule,
  type CosineAnnealingWarmRestartsOptions,
} from './schedules/cosine-annealing-warm-restarts-schedule';
export {
  cosineSchedule,
  cosineWithRestartsSchedule,
  type CosineOptions,
  type CosineWithRestartsOptions,
} from './schedules/cosine-schedule';
export {
  cosineWarmupWithMinLrSchedule,
  cosineWithMinLrSchedule,
  type CosineWarmupWithMinLrOptions,
  type CosineWithMinLrOptions,
} from './schedules/cosine-with-min-lr-schedule';
export {
  exponentialLrSchedule,
  type ExponentialLrOptions,
} from './schedules/exponential-lr-schedule';
export {
  getSchedule,
  SCHEDULE_NAMES,
  type GetScheduleOptions,
  type ScheduleName,
} from './schedules/get-schedule';
export { inverseSqrtSchedule, type InverseSqrtOptions } from './schedules/inverse-sqrt-schedule';
export { linearSchedule } from './schedules/linear-schedule';
export {
  oneCycleMomentum,
  oneCycleSchedule,
  type MomentumSchedule,
  type OneCycleMomentumOptions,
  type OneCycleOptions,
} from './schedules/one-cycle-schedule';
export { polynomialSchedule, type PolynomialOptions } from './schedules/polynomial-schedule';
export {
  reduceLrOnPlateau,
  type PlateauSchedule,
  type PlateauState,
  type ReduceLrOnPlateauOptions,
} from './schedules/reduce-lr-on-plateau';
export {
  slantedTriangularSchedule,
  type SlantedTriangularOptions,
} from './schedules/slanted-triangular-schedule';
export {
  multiStepLrSchedule,
  stepLrSchedule,
  type MultiStepLrOptions,
  type StepLrOptions,
} from './schedules/step-lr-schedule';
export {
  warmupStableDecaySchedule,
  type WarmupStableDecayOptions,
  type WsdDecayType,
  type WsdWarmupType,
} from './schedules/warmup-stable-decay-schedule';
