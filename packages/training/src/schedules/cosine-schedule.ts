import type { DecayOptions, Schedule } from './types';
import { checkDecaySteps, checkNumber, warmupThenDecay } from './validate';

/** Options of {@link cosineSchedule}. */
export interface CosineOptions extends DecayOptions {
  /**
   * Number of cosine waves over the decay; 0.5 decays once from 1 to 0.
   * @defaultValue 0.5
   */
  numCycles?: number;
}

/**
 * Linear warm-up, then cosine decay (HF `get_cosine_schedule_with_warmup`). Like HF, the factor is not clamped
 * after `totalSteps`: with `numCycles` 0.5 it rises again, so stop training at `totalSteps`.
 * @throws {TrainingError} `INVALID_OPTION` on bad step counts or a negative `numCycles`.
 * @example cosineSchedule({ totalSteps: 10 })(5) // 0.5
 */
export function cosineSchedule(options: CosineOptions): Schedule {
  const { warmupSteps: w, totalSteps: t } = checkDecaySteps('cosineSchedule', options);
  const c = options.numCycles ?? 0.5;
  checkNumber('cosineSchedule', 'numCycles', c, { min: 0, integer: false });
  return warmupThenDecay(w, t, (p) => Math.max(0, 0.5 * (1 + Math.cos(Math.PI * c * 2 * p))));
}

/** Options of {@link cosineWithRestartsSchedule}. */
export interface CosineWithRestartsOptions extends DecayOptions {
  /**
   * Number of hard restarts (cosine decays from 1 to 0).
   * @defaultValue 1
   */
  numCycles?: number;
}

/**
 * Linear warm-up, then `numCycles` cosine decays with hard restarts, 0 from `totalSteps` on
 * (HF `get_cosine_with_hard_restarts_schedule_with_warmup`).
 * @throws {TrainingError} `INVALID_OPTION` on bad step counts or a negative `numCycles`.
 */
export function cosineWithRestartsSchedule(options: CosineWithRestartsOptions): Schedule {
  const { warmupSteps: w, totalSteps: t } = checkDecaySteps('cosineWithRestartsSchedule', options);
  const c = options.numCycles ?? 1;
  checkNumber('cosineWithRestartsSchedule', 'numCycles', c, { min: 0, integer: false });
  return warmupThenDecay(w, t, (p) =>
    p >= 1 ? 0 : Math.max(0, 0.5 * (1 + Math.cos(Math.PI * ((c * p) % 1)))),
  );
}
