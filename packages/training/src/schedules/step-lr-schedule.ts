import { checkOptionsObject } from '../check-args';
import type { Schedule } from './types';
import { checkNumber } from './validate';

/** Options of {@link stepLrSchedule} (PyTorch `StepLR`). */
export interface StepLrOptions {
  /** Steps between decays. Required. */
  stepSize: number;
  /**
   * Multiplier applied every `stepSize` steps.
   * @defaultValue 0.1
   */
  gamma?: number;
}

/**
 * PyTorch `StepLR` in closed form: `gamma ^ floor(step / stepSize)`.
 * @throws {TrainingError} `INVALID_OPTION` when `stepSize` is not a positive integer or `gamma` is negative.
 * @example stepLrSchedule({ stepSize: 3, gamma: 0.5 })(7) // 0.25
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.StepLR.html
 */
export function stepLrSchedule(options: StepLrOptions): Schedule {
  checkOptionsObject('stepLrSchedule', options);
  const size = options.stepSize;
  const gamma = options.gamma ?? 0.1;
  checkNumber('stepLrSchedule', 'stepSize', size, { min: 1 });
  checkNumber('stepLrSchedule', 'gamma', gamma, { min: 0, integer: false });
  return (step) => gamma ** Math.floor(step / size);
}

/** Options of {@link multiStepLrSchedule} (PyTorch `MultiStepLR`). */
export interface MultiStepLrOptions {
  /** Steps at which the rate is multiplied by `gamma`; any order, a repeated step applies `gamma` once per copy. */
  milestones: readonly number[];
  /**
   * Multiplier applied at each milestone.
   * @defaultValue 0.1
   */
  gamma?: number;
}

/**
 * PyTorch `MultiStepLR` in closed form: `gamma ^ (number of milestones <= step)`.
 * @throws {TrainingError} `INVALID_OPTION` on a negative or non-integer milestone or a negative `gamma`.
 * @example multiStepLrSchedule({ milestones: [5, 10], gamma: 0.5 })(10) // 0.25
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.MultiStepLR.html
 */
export function multiStepLrSchedule(options: MultiStepLrOptions): Schedule {
  checkOptionsObject('multiStepLrSchedule', options);
  const gamma = options.gamma ?? 0.1;
  checkNumber('multiStepLrSchedule', 'gamma', gamma, { min: 0, integer: false });
  options.milestones.forEach((m, i) =>
    checkNumber('multiStepLrSchedule', `milestones[${i}]`, m, { min: 0 }),
  );
  // Sorted copy: PyTorch keeps a Counter, so duplicates count and order does not matter.
  const sorted = [...options.milestones].sort((a, b) => a - b);
  return (step) => {
    let passed = 0;
    while (passed < sorted.length && sorted[passed]! <= step) passed++;
    return gamma ** passed;
  };
}
