import { checkOptionsObject } from '../check-args';
import { TrainingError } from '../errors';
import type { Schedule } from './types';
import { checkChoice, checkNumber, checkRange } from './validate';

/** Options of {@link oneCycleSchedule} (PyTorch `OneCycleLR`). */
export interface OneCycleOptions {
  /** Total steps. Required. */
  totalSteps: number;
  /**
   * Fraction of steps rising to the peak.
   * @defaultValue 0.3
   */
  pctStart?: number;
  /**
   * Annealing between phase ends.
   * @defaultValue 'cos'
   */
  annealStrategy?: 'cos' | 'linear';
  /**
   * Start rate = peak / divFactor.
   * @defaultValue 25
   */
  divFactor?: number;
  /**
   * Final rate = start / finalDivFactor.
   * @defaultValue 1e4
   */
  finalDivFactor?: number;
  /**
   * Rise, fall back to the start rate, then anneal to the final rate.
   * @defaultValue false
   */
  threePhase?: boolean;
}

/** Options of {@link oneCycleMomentum}: the one-cycle phases plus the momentum range. */
export interface OneCycleMomentumOptions extends OneCycleOptions {
  /**
   * Momentum (SGD `momentum`, Adam β₁) at the peak learning rate.
   * @defaultValue 0.85
   */
  baseMomentum?: number;
  /**
   * Momentum at the start and end, where the learning rate is lowest.
   * @defaultValue 0.95
   */
  maxMomentum?: number;
}

/** β₁ (or SGD momentum) per optimizer step; absolute values, not factors. */
export type MomentumSchedule = (step: number) => number;

interface Phase {
  end: number;
  lr: readonly [number, number];
  momentum: readonly [number, number];
}

type Anneal = (from: number, to: number, pct: number) => number;

/** Validated phases and the anneal function, shared by the rate and the momentum schedule. */
function oneCyclePlan(fn: string, o: OneCycleMomentumOptions) {
  const t = o.totalSteps;
  const pct = o.pctStart ?? 0.3;
  const div = o.divFactor ?? 25;
  const finalDiv = o.finalDivFactor ?? 1e4;
  const strategy = o.annealStrategy ?? 'cos';
  const lo = o.baseMomentum ?? 0.85;
  const hi = o.maxMomentum ?? 0.95;
  checkNumber(fn, 'totalSteps', t, { min: 1, required: true });
  checkRange(fn, 'pctStart', pct, 0, 1);
  checkNumber(fn, 'divFactor', div, { min: Number.MIN_VALUE, integer: false });
  checkNumber(fn, 'finalDivFactor', finalDiv, { min: Number.MIN_VALUE, integer: false });
  checkChoice(fn, 'annealStrategy', strategy, ['cos', 'linear']);
  checkRange(fn, 'baseMomentum', lo, 0, 1);
  checkRange(fn, 'maxMomentum', hi, 0, 1);
  const initial = 1 / div;
  const min = initial / finalDiv;
  // OneCycleLR's phase ends, in steps: pct·T − 1, (2·pct·T − 2), T − 1; momentum moves against the rate.
  const phases: Phase[] = o.threePhase
    ? [
        { end: pct * t - 1, lr: [initial, 1], momentum: [hi, lo] },
        { end: 2 * pct * t - 2, lr: [1, initial], momentum: [lo, hi] },
        { end: t - 1, lr: [initial, min], momentum: [hi, hi] },
      ]
    : [
        { end: pct * t - 1, lr: [initial, 1], momentum: [hi, lo] },
        { end: t - 1, lr: [1, min], momentum: [lo, hi] },
      ];
  const anneal: Anneal =
    strategy === 'linear'
      ? (a, b, p) => (b - a) * p + a
      : (a, b, p) => b + ((a - b) / 2) * (Math.cos(Math.PI * p) + 1);
  /** The phase a step falls in and the fraction of it done, as `OneCycleLR.get_lr` finds them. */
  const locate = (step: number): { phase: Phase; pct: number } => {
    if (step > t)
      throw new TrainingError('INVALID_OPTION', `${fn}: step ${step} is beyond totalSteps ${t}`);
    let start = 0;
    for (let i = 0; i < phases.length; i++) {
      const phase = phases[i]!;
      if (step <= phase.end || i === phases.length - 1) {
        // PyTorch raises ZeroDivisionError here (e.g. pctStart·totalSteps = 1); say which option causes it.
        if (phase.end === start)
          throw new TrainingError(
            'INVALID_OPTION',
            `${fn}: phase ${i + 1} of totalSteps ${t} with pctStart ${pct} has no length at step ${step}; ` +
              'change pctStart so that pctStart * totalSteps is not 1 (or totalSteps)',
          );
        return { phase, pct: (step - start) / (phase.end - start) };
      }
      start = phase.end;
    }
    /* c8 ignore next */
    throw new Error('unreachable: the last phase always matches');
  };
  return { locate, anneal };
}

/**
 * One-cycle policy with PyTorch `OneCycleLR` semantics; the factor is relative to the peak (`max_lr` = the
 * optimizer's base rate). Steps 0…totalSteps are valid, as in PyTorch.
 * @throws {TrainingError} `INVALID_OPTION` on bad options, on a step > totalSteps (as PyTorch raises), or on a step in
 * a zero-length phase (where PyTorch divides by zero).
 * @example oneCycleSchedule({ totalSteps: 100 })(0) // 0.04 (1 / divFactor)
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.OneCycleLR.html
 */
export function oneCycleSchedule(options: OneCycleOptions): Schedule {
  checkOptionsObject('oneCycleSchedule', options);
  const { locate, anneal } = oneCyclePlan('oneCycleSchedule', options);
  return (step) => {
    const { phase, pct } = locate(step);
    return anneal(phase.lr[0], phase.lr[1], pct);
  };
}

/**
 * The momentum `OneCycleLR` cycles with `cycle_momentum=True`: from `maxMomentum` down to `baseMomentum` while the
 * rate rises, and back up while it falls (in three-phase mode it stays at `maxMomentum` in the last phase). PyTorch
 * writes it to SGD's `momentum` or to Adam's `betas[0]`; apply it the same way, once per step, next to the rate.
 * @throws {TrainingError} `INVALID_OPTION` as {@link oneCycleSchedule}, or on momenta outside [0, 1].
 * @example oneCycleMomentum({ totalSteps: 100 })(0) // 0.95
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.OneCycleLR.html
 */
export function oneCycleMomentum(options: OneCycleMomentumOptions): MomentumSchedule {
  checkOptionsObject('oneCycleMomentum', options);
  const { locate, anneal } = oneCyclePlan('oneCycleMomentum', options);
  return (step) => {
    const { phase, pct } = locate(step);
    return anneal(phase.momentum[0], phase.momentum[1], pct);
  };
}
