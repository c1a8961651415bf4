import { TrainingError } from '../errors';
import type { DecayOptions, Schedule } from './types';
import { checkDecaySteps, linearWarmup } from './validate';

/** Options of {@link polynomialSchedule}. */
export interface PolynomialOptions extends DecayOptions {
  /** Base learning rate the factor is relative to (HF reads it from the optimizer). Required. */
  learningRate: number;
  /**
   * Final learning rate, kept after `totalSteps`.
   * @defaultValue 1e-7
   */
  lrEnd?: number;
  /**
   * Power of the decay.
   * @defaultValue 1
   */
  power?: number;
}

/**
 * Linear warm-up, then polynomial decay from `learningRate` to `lrEnd` (HF
 * `get_polynomial_decay_schedule_with_warmup`).
 * @throws {TrainingError} `INVALID_OPTION` when `lrEnd` is not below `learningRate` or step counts are bad.
 */
export function polynomialSchedule(options: PolynomialOptions): Schedule {
  const { warmupSteps: w, totalSteps: t } = checkDecaySteps('polynomialSchedule', options);
  const lr0 = options.learningRate;
  const lrEnd = options.lrEnd ?? 1e-7;
  const power = options.power ?? 1;
  if (!(lr0 > lrEnd))
    throw new TrainingError(
      'INVALID_OPTION',
      `polynomialSchedule: lrEnd (${lrEnd}) must be smaller than learningRate (${lr0})`,
    );
  return (step) => {
    if (step < w) return linearWarmup(step, w);
    // HF divides by totalSteps - warmupSteps at step == totalSteps and raises when they are equal; the decay has
    // no length then, so it is already over.
    if (step > t || t === w) return lrEnd / lr0;
    const remaining = 1 - (step - w) / (t - w);
    return ((lr0 - lrEnd) * remaining ** power + lrEnd) / lr0;
  };
}
