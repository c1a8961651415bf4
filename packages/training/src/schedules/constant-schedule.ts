import { checkOptionsObject } from '../check-args';
import type { Schedule, WarmupOptions } from './types';
import { checkNumber, linearWarmup } from './validate';

/**
 * Constant factor 1.
 * @example constantSchedule()(10) // 1
 * @see https://huggingface.co/docs/transformers/main_classes/optimizer_schedules (`get_constant_schedule`)
 */
export function constantSchedule(): Schedule {
  return () => 1;
}

/**
 * Linear warm-up from 0, then constant 1 (HF `get_constant_schedule_with_warmup`).
 * @throws {TrainingError} `INVALID_OPTION` when `warmupSteps` is negative or not an integer.
 * @example constantWithWarmupSchedule({ warmupSteps: 4 })(2) // 0.5
 */
export function constantWithWarmupSchedule(options: WarmupOptions = {}): Schedule {
  checkOptionsObject('constantWithWarmupSchedule', options);
  const w = options.warmupSteps ?? 0;
  checkNumber('constantWithWarmupSchedule', 'warmupSteps', w, { min: 0 });
  return (step) => (step < w ? linearWarmup(step, w) : 1);
}
