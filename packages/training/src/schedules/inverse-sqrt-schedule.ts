import { checkOptionsObject } from '../check-args';
import type { Schedule, WarmupOptions } from './types';
import { checkNumber, linearWarmup } from './validate';

/** Options of {@link inverseSqrtSchedule}. */
export interface InverseSqrtOptions extends WarmupOptions {
  /**
   * Decay time scale: the factor is `1 / sqrt((step + timescale - warmupSteps) / timescale)`.
   * @defaultValue `warmupSteps`, or 10 000 without warm-up
   */
  timescale?: number;
}

/**
 * Linear warm-up, then inverse square-root decay (HF `get_inverse_sqrt_schedule`).
 * @throws {TrainingError} `INVALID_OPTION` on a negative warm-up or a timescale below 1.
 */
export function inverseSqrtSchedule(options: InverseSqrtOptions = {}): Schedule {
  checkOptionsObject('inverseSqrtSchedule', options);
  const w = options.warmupSteps ?? 0;
  checkNumber('inverseSqrtSchedule', 'warmupSteps', w, { min: 0 });
  const ts = options.timescale ?? (w || 10_000);
  checkNumber('inverseSqrtSchedule', 'timescale', ts, { min: 1, integer: false });
  return (step) => (step < w ? linearWarmup(step, w) : 1 / Math.sqrt((step + ts - w) / ts));
}
