import { checkOptionsObject } from '../check-args';
import type { Schedule } from './types';
import { checkNumber } from './validate';

/** Options of {@link exponentialLrSchedule} (PyTorch `ExponentialLR`). */
export interface ExponentialLrOptions {
  /** Multiplier applied every step. Required. */
  gamma: number;
}

/**
 * PyTorch `ExponentialLR` in closed form: `gamma ^ step`.
 * @throws {TrainingError} `INVALID_OPTION` when `gamma` is negative or not finite.
 * @example exponentialLrSchedule({ gamma: 0.9 })(2) // 0.81
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ExponentialLR.html
 */
export function exponentialLrSchedule(options: ExponentialLrOptions): Schedule {
  checkOptionsObject('exponentialLrSchedule', options);
  const gamma = options.gamma;
  checkNumber('exponentialLrSchedule', 'gamma', gamma, { min: 0, integer: false });
  return (step) => gamma ** step;
}
