import { checkOptionsObject } from '../check-args';
import type { DecayOptions, Schedule } from './types';
import { checkNumber, linearWarmup, checkRequiredNumber } from './validate';

/**
 * Linear warm-up, then linear decay to 0 at `totalSteps`, 0 afterwards (HF `get_linear_schedule_with_warmup`).
 * @throws {TrainingError} `INVALID_OPTION` on a negative or non-integer step count.
 * @example linearSchedule({ warmupSteps: 10, totalSteps: 100 })(55) // 0.5
 */
export function linearSchedule(options: DecayOptions): Schedule {
  checkOptionsObject('linearSchedule', options);
  const w = options.warmupSteps ?? 0;
  const t = options.totalSteps;
  checkNumber('linearSchedule', 'warmupSteps', w, 0);
  checkRequiredNumber('linearSchedule', 'totalSteps', t, 0);
  return (step) =>
    step < w ? linearWarmup(step, w) : Math.max(0, (t - step) / Math.max(1, t - w));
}
