import { TrainingError } from '../errors';
import type { DecayOptions, Schedule } from './types';
import { checkDecaySteps, checkNumber, warmupThenDecay } from './validate';

/** Options of {@link cosineWithMinLrSchedule}: give exactly one of `minLr` (with `learningRate`) or `minLrRate`. */
export interface CosineWithMinLrOptions extends DecayOptions {
  /**
   * Cosine waves over the decay; 0.5 decays once from 1 to the floor.
   * @defaultValue 0.5
   */
  numCycles?: number;
  /** Floor as a fraction of the base rate (HF `min_lr_rate`). */
  minLrRate?: number;
  /** Floor as a rate (HF `min_lr`); needs `learningRate`, the optimizer's base rate. */
  minLr?: number;
  /** The optimizer's base rate; HF reads it from `optimizer.defaults["lr"]` to turn `minLr` into a rate. */
  learningRate?: number;
}

/** Options of {@link cosineWarmupWithMinLrSchedule}. */
export interface CosineWarmupWithMinLrOptions extends CosineWithMinLrOptions {
  /**
   * Factor at step 0 of the warm-up, which then rises linearly to 1 at step `warmupSteps - 1`.
   * @defaultValue unset: the warm-up is `(step + 1) / warmupSteps`
   */
  warmupLrRate?: number;
}

/** HF `get_cosine_with_min_lr_*`: exactly one of `min_lr` / `min_lr_rate`, `min_lr` divided by the base rate. */
function resolveMinLrRate(fn: string, o: CosineWithMinLrOptions): number {
  if ((o.minLr === undefined) === (o.minLrRate === undefined)) {
    throw new TrainingError(
      'INVALID_OPTION',
      `${fn}: set exactly one of minLr or minLrRate, got minLr=${String(o.minLr)}, minLrRate=${String(o.minLrRate)}`,
    );
  }
  if (o.minLrRate !== undefined) {
    checkNumber(fn, 'minLrRate', o.minLrRate, { min: 0, integer: false });
    return o.minLrRate;
  }
  const lr = o.learningRate;
  if (lr === undefined || !(lr > 0) || !Number.isFinite(lr)) {
    throw new TrainingError(
      'INVALID_OPTION',
      `${fn}: minLr needs learningRate (the optimizer's base rate, > 0), got ${String(lr)}`,
    );
  }
  checkNumber(fn, 'minLr', o.minLr, { min: 0, integer: false });
  return o.minLr! / lr;
}

function cosineFloor(p: number, cycles: number, rate: number): number {
  const f = 0.5 * (1 + Math.cos(Math.PI * cycles * 2 * p));
  return Math.max(0, f * (1 - rate) + rate);
}

/**
 * Linear warm-up from 0, then cosine decay from 1 to a floor (HF `get_cosine_with_min_lr_schedule_with_warmup`,
 * `get_scheduler('cosine_with_min_lr')`). Like HF, the factor is not clamped after `totalSteps`.
 * @throws {TrainingError} `INVALID_OPTION` on bad step counts, or unless exactly one of `minLr` / `minLrRate` is set.
 * @example cosineWithMinLrSchedule({ totalSteps: 10, minLrRate: 0.1 })(10) // 0.1
 */
export function cosineWithMinLrSchedule(options: CosineWithMinLrOptions): Schedule {
  const fn = 'cosineWithMinLrSchedule';
  const { warmupSteps: w, totalSteps: t } = checkDecaySteps(fn, options);
  const c = options.numCycles ?? 0.5;
  checkNumber(fn, 'numCycles', c, { min: 0, integer: false });
  const rate = resolveMinLrRate(fn, options);
  return warmupThenDecay(w, t, (p) => cosineFloor(p, c, rate));
}

/**
 * HF `get_cosine_with_min_lr_schedule_with_warmup_lr_rate` (`get_scheduler('cosine_warmup_with_min_lr')`): the
 * warm-up never starts at 0 (`(step + 1) / warmupSteps`, or from `warmupLrRate`), and the decay is shifted one step
 * so the floor is reached at step `totalSteps - 1`, the last update.
 * @throws {TrainingError} `INVALID_OPTION` on bad step counts, or unless exactly one of `minLr` / `minLrRate` is set.
 */
export function cosineWarmupWithMinLrSchedule(options: CosineWarmupWithMinLrOptions): Schedule {
  const fn = 'cosineWarmupWithMinLrSchedule';
  const { warmupSteps: w, totalSteps: t } = checkDecaySteps(fn, options);
  const c = options.numCycles ?? 0.5;
  const wr = options.warmupLrRate;
  checkNumber(fn, 'numCycles', c, { min: 0, integer: false });
  checkNumber(fn, 'warmupLrRate', wr, { min: 0, integer: false });
  const rate = resolveMinLrRate(fn, options);
  return (step) => {
    if (step < w) {
      if (wr === undefined) return (step + 1) / Math.max(1, w);
      return wr + ((1 - wr) * step) / Math.max(1, w - 1);
    }
    return cosineFloor((step - w + 1) / Math.max(1, t - w), c, rate);
  };
}
