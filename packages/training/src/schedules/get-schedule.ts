import { TrainingError } from '../errors';
import { constantSchedule, constantWithWarmupSchedule } from './constant-schedule';
import type { CosineAnnealingOptions } from './cosine-annealing-schedule';
import { cosineAnnealingSchedule } from './cosine-annealing-schedule';
import type { CosineAnnealingWarmRestartsOptions } from './cosine-annealing-warm-restarts-schedule';
import { cosineAnnealingWarmRestartsSchedule } from './cosine-annealing-warm-restarts-schedule';
import type { CosineOptions } from './cosine-schedule';
import { cosineSchedule, cosineWithRestartsSchedule } from './cosine-schedule';
import type { CosineWarmupWithMinLrOptions } from './cosine-with-min-lr-schedule';
import {
  cosineWarmupWithMinLrSchedule,
  cosineWithMinLrSchedule,
} from './cosine-with-min-lr-schedule';
import type { ExponentialLrOptions } from './exponential-lr-schedule';
import { exponentialLrSchedule } from './exponential-lr-schedule';
import type { InverseSqrtOptions } from './inverse-sqrt-schedule';
import { inverseSqrtSchedule } from './inverse-sqrt-schedule';
import { linearSchedule } from './linear-schedule';
import type { OneCycleOptions } from './one-cycle-schedule';
import { oneCycleSchedule } from './one-cycle-schedule';
import type { PolynomialOptions } from './polynomial-schedule';
import { polynomialSchedule } from './polynomial-schedule';
import type { PlateauSchedule, ReduceLrOnPlateauOptions } from './reduce-lr-on-plateau';
import { reduceLrOnPlateau } from './reduce-lr-on-plateau';
import type { SlantedTriangularOptions } from './slanted-triangular-schedule';
import { slantedTriangularSchedule } from './slanted-triangular-schedule';
import type { MultiStepLrOptions, StepLrOptions } from './step-lr-schedule';
import { multiStepLrSchedule, stepLrSchedule } from './step-lr-schedule';
import type { Schedule } from './types';
import type { WarmupStableDecayOptions } from './warmup-stable-decay-schedule';
import { warmupStableDecaySchedule } from './warmup-stable-decay-schedule';

/** Every name {@link getSchedule} accepts. */
export const SCHEDULE_NAMES = [
  'constant',
  'constant_with_warmup',
  'linear',
  'cosine',
  'cosine_with_restarts',
  'polynomial',
  'inverse_sqrt',
  'warmup_stable_decay',
  'cosine_with_min_lr',
  'cosine_warmup_with_min_lr',
  'reduce_lr_on_plateau',
  'slanted_triangular',
  'one_cycle',
  'step_lr',
  'multi_step_lr',
  'exponential_lr',
  'cosine_annealing',
  'cosine_annealing_warm_restarts',
] as const;

/**
 * Names accepted by {@link getSchedule}: Hugging Face `get_scheduler`'s spelling for its schedules, snake_case
 * PyTorch class names for the `torch.optim.lr_scheduler` ones, plus ULMFiT and one-cycle.
 */
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

/** Options of {@link getSchedule}: the union of each schedule's options. */
export type GetScheduleOptions = Partial<
  CosineOptions &
    PolynomialOptions &
    InverseSqrtOptions &
    WarmupStableDecayOptions &
    CosineWarmupWithMinLrOptions &
    ReduceLrOnPlateauOptions &
    SlantedTriangularOptions &
    OneCycleOptions &
    StepLrOptions &
    MultiStepLrOptions &
    ExponentialLrOptions &
    CosineAnnealingOptions &
    CosineAnnealingWarmRestartsOptions
>;

/**
 * A schedule by name, like Hugging Face `get_scheduler` (which passes `num_warmup_steps`, `num_training_steps` and
 * `scheduler_specific_kwargs`; here they are one options object).
 * @throws {TrainingError} `INVALID_OPTION` on an unknown name (listing the known ones), a missing required option,
 * or whatever the named schedule rejects.
 * @example getSchedule('linear', { warmupSteps: 10, totalSteps: 100 })(5) // 0.5
 */
export function getSchedule(
  name: 'reduce_lr_on_plateau',
  options?: GetScheduleOptions,
): PlateauSchedule;
export function getSchedule(name: ScheduleName, options?: GetScheduleOptions): Schedule;
export function getSchedule(
  name: ScheduleName,
  options: GetScheduleOptions = {},
): Schedule | PlateauSchedule {
  const need = (key: keyof GetScheduleOptions): number => {
    const v = options[key];
    if (typeof v !== 'number')
      throw new TrainingError('INVALID_OPTION', `schedule '${name}' needs options.${key}`);
    return v;
  };
  switch (name) {
    case 'constant':
      return constantSchedule();
    case 'constant_with_warmup':
      return constantWithWarmupSchedule(options);
    case 'linear':
      return linearSchedule({ ...options, totalSteps: need('totalSteps') });
    case 'cosine':
      return cosineSchedule({ ...options, totalSteps: need('totalSteps') });
    case 'cosine_with_restarts':
      return cosineWithRestartsSchedule({ ...options, totalSteps: need('totalSteps') });
    case 'polynomial':
      return polynomialSchedule({
        ...options,
        totalSteps: need('totalSteps'),
        learningRate: need('learningRate'),
      });
    case 'inverse_sqrt':
      return inverseSqrtSchedule(options);
    case 'warmup_stable_decay':
      return warmupStableDecaySchedule({ ...options, decaySteps: need('decaySteps') });
    case 'cosine_with_min_lr':
      return cosineWithMinLrSchedule({ ...options, totalSteps: need('totalSteps') });
    case 'cosine_warmup_with_min_lr':
      return cosineWarmupWithMinLrSchedule({ ...options, totalSteps: need('totalSteps') });
    case 'reduce_lr_on_plateau':
      return reduceLrOnPlateau(options);
    case 'slanted_triangular':
      return slantedTriangularSchedule({ ...options, totalSteps: need('totalSteps') });
    case 'one_cycle':
      return oneCycleSchedule({ ...options, totalSteps: need('totalSteps') });
    case 'step_lr':
      return stepLrSchedule({ ...options, stepSize: need('stepSize') });
    case 'multi_step_lr': {
      const milestones = options.milestones;
      if (!Array.isArray(milestones))
        throw new TrainingError('INVALID_OPTION', `schedule '${name}' needs options.milestones`);
      return multiStepLrSchedule({ ...options, milestones });
    }
    case 'exponential_lr':
      return exponentialLrSchedule({ ...options, gamma: need('gamma') });
    case 'cosine_annealing':
      return cosineAnnealingSchedule({ ...options, tMax: need('tMax') });
    case 'cosine_annealing_warm_restarts':
      return cosineAnnealingWarmRestartsSchedule({ ...options, t0: need('t0') });
    default: {
      const unknown: never = name;
      throw new TrainingError(
        'INVALID_OPTION',
        `getSchedule: unknown schedule '${String(unknown)}'; expected one of ${SCHEDULE_NAMES.join(', ')}`,
      );
    }
  }
}
