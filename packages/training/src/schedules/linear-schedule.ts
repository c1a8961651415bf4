import type { DecayOptions, Schedule } from './types';
import { checkDecaySteps, linearWarmup } from './validate';

/**
 * Linear warm-up, then linear decay to 0 at `totalSteps`, 0 afterwards (HF `get_linear_schedule_with_warmup`).
 * @throws {TrainingError} `INVALID_OPTION` on a negative or non-integer step count.
 * @example linearSchedule({ warmupSteps: 10, totalSteps: 100 })(55) // 0.5
 */
export function linearSchedule(options: DecayOptions): Schedule {
  const { warmupSteps: w, totalSteps: t } = checkDecaySteps('linearSchedule', options);
  return (step) =>
    step < w ? linearWarmup(step, w) : Math.max(0, (t - step) / Math.max(1, t - w));
}
