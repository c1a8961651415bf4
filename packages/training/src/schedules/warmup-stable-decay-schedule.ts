import { checkOptionsObject } from '../check-args';
import { TrainingError } from '../errors';
import type { Schedule, WarmupOptions } from './types';
import { checkChoice, checkNumber, checkRange } from './validate';

/** Shapes of the WSD warm-up, as HF `get_wsd_schedule` names them. */
export type WsdWarmupType = 'linear' | 'cosine' | '1-sqrt';
/** Shapes of the WSD decay, as HF `get_wsd_schedule` names them. */
export type WsdDecayType = 'linear' | 'cosine' | '1-sqrt';

const WARMUP_TYPES: readonly WsdWarmupType[] = ['linear', 'cosine', '1-sqrt'];
const DECAY_TYPES: readonly WsdDecayType[] = ['linear', 'cosine', '1-sqrt'];

/** Options of {@link warmupStableDecaySchedule}: give `stableSteps`, or `totalSteps` to derive it. */
export interface WarmupStableDecayOptions extends WarmupOptions {
  /** Steps of the decay phase. Required. */
  decaySteps: number;
  /** Steps at the base rate after warm-up. Required unless `totalSteps` is given. */
  stableSteps?: number;
  /** Total steps; `stableSteps` defaults to `totalSteps - warmupSteps - decaySteps` (HF `num_training_steps`). */
  totalSteps?: number;
  /**
   * Floor of the schedule: warm-up starts at it, decay ends at it, and it is kept after the decay.
   * @defaultValue 0
   */
  minLrRatio?: number;
  /**
   * Warm-up shape from `minLrRatio` to 1.
   * @defaultValue 'linear'
   */
  warmupType?: WsdWarmupType;
  /**
   * Decay shape from 1 to `minLrRatio`.
   * @defaultValue 'cosine'
   */
  decayType?: WsdDecayType;
  /**
   * Cosine waves of a `'cosine'` decay.
   * @defaultValue 0.5
   */
  numCycles?: number;
}

/**
 * Warm-up, stable, decay (MiniCPM's WSD) with HF `get_wsd_schedule` semantics: the warm-up rises from `minLrRatio`
 * (not 0) to 1, the decay falls from 1 to `minLrRatio`, and every step after the decay keeps `minLrRatio`.
 * @throws {TrainingError} `INVALID_OPTION` on negative step counts, neither `stableSteps` nor `totalSteps`, a
 * derived `stableSteps` below 0, a ratio outside [0, 1] or an unknown warm-up / decay type.
 * @example warmupStableDecaySchedule({ warmupSteps: 5, stableSteps: 10, decaySteps: 15, minLrRatio: 0.1 })(0) // 0.1
 * @see https://huggingface.co/docs/transformers/main_classes/optimizer_schedules (`get_wsd_schedule`)
 */
export function warmupStableDecaySchedule(options: WarmupStableDecayOptions): Schedule {
  checkOptionsObject('warmupStableDecaySchedule', options);
  const fn = 'warmupStableDecaySchedule';
  const w = options.warmupSteps ?? 0;
  const d = options.decaySteps;
  const mn = options.minLrRatio ?? 0;
  const c = options.numCycles ?? 0.5;
  const warmupType = options.warmupType ?? 'linear';
  const decayType = options.decayType ?? 'cosine';
  checkNumber(fn, 'warmupSteps', w, { min: 0 });
  checkNumber(fn, 'decaySteps', d, { min: 0 });
  checkNumber(fn, 'totalSteps', options.totalSteps, { min: 0 });
  checkRange(fn, 'minLrRatio', mn, 0, 1);
  checkNumber(fn, 'numCycles', c, { min: 0, integer: false });
  checkChoice(fn, 'warmupType', warmupType, WARMUP_TYPES);
  checkChoice(fn, 'decayType', decayType, DECAY_TYPES);
  // HF prefers num_stable_steps when both are given (with a warning).
  let s = options.stableSteps;
  if (s === undefined) {
    if (options.totalSteps === undefined) {
      throw new TrainingError('INVALID_OPTION', `${fn}: needs stableSteps or totalSteps`);
    }
    s = options.totalSteps - w - d;
    if (s < 0) {
      throw new TrainingError(
        'INVALID_OPTION',
        `${fn}: totalSteps (${options.totalSteps}) is less than warmupSteps + decaySteps (${w + d})`,
      );
    }
  }
  checkNumber(fn, 'stableSteps', s, { min: 0 });
  const stableEnd = w + s;
  const rise = {
    linear: (p: number) => p,
    cosine: (p: number) => 0.5 * (1 - Math.cos(Math.PI * p)),
    '1-sqrt': (p: number) => 1 - Math.sqrt(1 - p),
  }[warmupType];
  const fall = {
    linear: (p: number) => 1 - p,
    cosine: (p: number) => 0.5 * (1 + Math.cos(Math.PI * c * 2 * p)),
    '1-sqrt': (p: number) => 1 - Math.sqrt(p),
  }[decayType];
  return (step) => {
    if (step < w) return Math.max(0, rise(step / Math.max(1, w)) * (1 - mn) + mn);
    if (step < stableEnd) return 1;
    if (step < stableEnd + d) {
      return Math.max(0, fall((step - stableEnd) / Math.max(1, d)) * (1 - mn) + mn);
    }
    return mn;
  };
}
