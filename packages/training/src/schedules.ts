// Learning-rate schedules, one per file under ./schedules; this module re-exports them for index.ts and trainer.ts.
export { constantSchedule, constantWithWarmupSchedule } from './schedules/constant-schedule';
export { cosineAnnealingSchedule } from './schedules/cosine-annealing-schedule';
export { cosineAnnealingWarmRestartsSchedule } from './schedules/cosine-annealing-warm-restarts-schedule';
export { cosineSchedule, cosineWithRestartsSchedule } from './schedules/cosine-schedule';
export {
  cosineWarmupWithMinLrSchedule,
  cosineWithMinLrSchedule,
} from './schedules/cosine-with-min-lr-schedule';
export { exponentialLrSchedule } from './schedules/exponential-lr-schedule';
export { getSchedule, SCHEDULE_NAMES } from './schedules/get-schedule';
export { inverseSqrtSchedule } from './schedules/inverse-sqrt-schedule';
export { linearSchedule } from './schedules/linear-schedule';
export { oneCycleMomentum, oneCycleSchedule } from './schedules/one-cycle-schedule';
export { polynomialSchedule } from './schedules/polynomial-schedule';
export { reduceLrOnPlateau } from './schedules/reduce-lr-on-plateau';
export { slantedTriangularSchedule } from './schedules/slanted-triangular-schedule';
export { multiStepLrSchedule, stepLrSchedule } from './schedules/step-lr-schedule';
export { warmupStableDecaySchedule } from './schedules/warmup-stable-decay-schedule';
export type { CosineAnnealingOptions, EtaMinOptions } from './schedules/cosine-annealing-schedule';
export type { CosineAnnealingWarmRestartsOptions } from './schedules/cosine-annealing-warm-restarts-schedule';
export type { CosineOptions, CosineWithRestartsOptions } from './schedules/cosine-schedule';
export type {
  CosineWarmupWithMinLrOptions,
  CosineWithMinLrOptions,
} from './schedules/cosine-with-min-lr-schedule';
export type { ExponentialLrOptions } from './schedules/exponential-lr-schedule';
export type { GetScheduleOptions, ScheduleName } from './schedules/get-schedule';
export type { InverseSqrtOptions } from './schedules/inverse-sqrt-schedule';
export type {
  MomentumSchedule,
  OneCycleMomentumOptions,
  OneCycleOptions,
} from './schedules/one-cycle-schedule';
export type { PolynomialOptions } from './schedules/polynomial-schedule';
export type {
  PlateauSchedule,
  PlateauState,
  ReduceLrOnPlateauOptions,
} from './schedules/reduce-lr-on-plateau';
export type { SlantedTriangularOptions } from './schedules/slanted-triangular-schedule';
export type { MultiStepLrOptions, StepLrOptions } from './schedules/step-lr-schedule';
export type { DecayOptions, Schedule, WarmupOptions } from './schedules/types';
export type {
  WarmupStableDecayOptions,
  WsdDecayType,
  WsdWarmupType,
} from './schedules/warmup-stable-decay-schedule';
