import { checkOptionsObject } from '../check-args';
import { TrainingError } from '../errors';
import type { Schedule } from './types';
import { checkNumber } from './validate';

/** The minimum-rate options of PyTorch's cosine annealing schedulers. */
export interface EtaMinOptions {
  /**
   * Minimum rate (PyTorch `eta_min`, a rate, not a factor); needs `learningRate` when not 0.
   * @defaultValue 0
   */
  etaMin?: number;
  /** The optimizer's base rate, to turn `etaMin` into a factor. Required when `etaMin` is not 0. */
  learningRate?: number;
}

/** Options of {@link cosineAnnealingSchedule} (PyTorch `CosineAnnealingLR`). */
export interface CosineAnnealingOptions extends EtaMinOptions {
  /** Half period: steps from the base rate down to `etaMin`. Required. */
  tMax: number;
}

/** `etaMin / learningRate`, checked. */
export function etaMinRatio(fn: string, o: EtaMinOptions): number {
  const eta = o.etaMin ?? 0;
  checkNumber(fn, 'etaMin', eta, { min: 0, integer: false });
  if (eta === 0) return 0;
  const lr = o.learningRate;
  if (lr === undefined || !(lr > 0) || !Number.isFinite(lr)) {
    throw new TrainingError(
      'INVALID_OPTION',
      `${fn}: etaMin needs learningRate (the optimizer's base rate, > 0), got ${String(lr)}`,
    );
  }
  return eta / lr;
}

/**
 * PyTorch `CosineAnnealingLR` in its closed form `etaMin + (base − etaMin)·(1 + cos(π·step/tMax))/2`, the formula
 * its docs give. PyTorch's `step()` computes the same values recursively from the previous rate (equal up to
 * rounding, tested over several periods); unlike the recursion, this cannot drift when something else changes the
 * rate. After `tMax` the rate rises again, with period 2·tMax, as in PyTorch.
 * @throws {TrainingError} `INVALID_OPTION` when `tMax` is not a positive integer, or on a bad `etaMin`.
 * @example cosineAnnealingSchedule({ tMax: 10 })(5) // 0.5
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html
 */
export function cosineAnnealingSchedule(options: CosineAnnealingOptions): Schedule {
  checkOptionsObject('cosineAnnealingSchedule', options);
  const fn = 'cosineAnnealingSchedule';
  const tMax = options.tMax;
  checkNumber(fn, 'tMax', tMax, { min: 1 });
  const r = etaMinRatio(fn, options);
  return (step) => r + ((1 - r) * (1 + Math.cos((Math.PI * step) / tMax))) / 2;
}
