import { checkOptionsObject } from '../check-args';
import { TrainingError } from '../errors';
import { checkChoice, checkNumber, checkRange } from './validate';

/** Options of {@link reduceLrOnPlateau} (PyTorch `ReduceLROnPlateau`, HF `get_scheduler('reduce_lr_on_plateau')`). */
export interface ReduceLrOnPlateauOptions {
  /**
   * `'min'`: lower metrics are better (a loss); `'max'`: higher are better (accuracy).
   * @defaultValue 'min'
   */
  mode?: 'min' | 'max';
  /**
   * Multiplier of the rate on a plateau; must be below 1.
   * @defaultValue 0.1
   */
  factor?: number;
  /**
   * Metrics without improvement tolerated; the rate drops on the next one.
   * @defaultValue 10
   */
  patience?: number;
  /**
   * How much better a metric must be to count as an improvement.
   * @defaultValue 1e-4
   */
  threshold?: number;
  /**
   * `'rel'`: better than `best·(1 ∓ threshold)`; `'abs'`: better than `best ∓ threshold`.
   * @defaultValue 'rel'
   */
  thresholdMode?: 'rel' | 'abs';
  /**
   * Metrics ignored after a reduction.
   * @defaultValue 0
   */
  cooldown?: number;
  /**
   * Lower bound of the rate, in the units of `learningRate`.
   * @defaultValue 0
   */
  minLr?: number;
  /**
   * A reduction smaller than this (in the units of `learningRate`) is skipped.
   * @defaultValue 1e-8
   */
  eps?: number;
  /**
   * The optimizer's base rate. Pass it so that `minLr` and `eps` are rates, as in PyTorch; left at 1 they are
   * factors.
   * @defaultValue 1
   */
  learningRate?: number;
}

/** Everything needed to resume a {@link PlateauSchedule} exactly; plain JSON. */
export interface PlateauState {
  /** Current rate, in the units of `learningRate`. */
  learningRate: number;
  /** Best metric so far; `null` before the first. */
  best: number | null;
  numBadEpochs: number;
  cooldownCounter: number;
  /** Metrics reported so far. */
  lastEpoch: number;
}

/**
 * A stateful schedule fed metrics. Called with a step it returns the current factor (so it can be passed where a
 * {@link Schedule} goes); {@link PlateauSchedule.reportMetric} updates it after each evaluation.
 */
export interface PlateauSchedule {
  /** The current factor of the base rate; the step is ignored. */
  (step: number): number;
  /**
   * Feeds one evaluation metric (PyTorch `scheduler.step(metric)`) and returns the new factor.
   * @throws {TrainingError} `INVALID_OPTION` when the metric is not finite.
   */
  reportMetric(metric: number): number;
  /** The current rate, `factor · learningRate`, computed as PyTorch does (bit-identical for one group). */
  readonly learningRate: number;
  /** A copy of the state, for checkpoints. */
  state(): PlateauState;
  /** Restores a state from {@link PlateauSchedule.state}. */
  setState(state: PlateauState): void;
}

/**
 * PyTorch `ReduceLROnPlateau`: multiply the rate by `factor` once `patience` metrics in a row fail to improve on the
 * best by `threshold`, then ignore `cooldown` metrics; never below `minLr`. One factor for all groups: PyTorch's
 * per-group `min_lr` list is not supported.
 * @throws {TrainingError} `INVALID_OPTION` on `factor` outside [0, 1), negative counts or thresholds, an unknown mode.
 * @example
 * const plateau = reduceLrOnPlateau({ patience: 1, factor: 0.5 });
 * plateau.reportMetric(1.0); plateau.reportMetric(1.0); plateau.reportMetric(1.0); // 0.5
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html
 */
export function reduceLrOnPlateau(options: ReduceLrOnPlateauOptions = {}): PlateauSchedule {
  checkOptionsObject('reduceLrOnPlateau', options);
  const fn = 'reduceLrOnPlateau';
  const mode = options.mode ?? 'min';
  const factor = options.factor ?? 0.1;
  const patience = options.patience ?? 10;
  const threshold = options.threshold ?? 1e-4;
  const thresholdMode = options.thresholdMode ?? 'rel';
  const cooldown = options.cooldown ?? 0;
  const minLr = options.minLr ?? 0;
  const eps = options.eps ?? 1e-8;
  const base = options.learningRate ?? 1;
  checkChoice(fn, 'mode', mode, ['min', 'max']);
  checkChoice(fn, 'thresholdMode', thresholdMode, ['rel', 'abs']);
  checkRange(fn, 'factor', factor, 0, 1);
  if (factor === 1) throw new TrainingError('INVALID_OPTION', `${fn}: factor must be < 1, got 1`);
  checkNumber(fn, 'patience', patience, { min: 0 });
  checkNumber(fn, 'cooldown', cooldown, { min: 0 });
  checkNumber(fn, 'threshold', threshold, { min: 0, integer: false });
  checkNumber(fn, 'minLr', minLr, { min: 0, integer: false });
  checkNumber(fn, 'eps', eps, { min: 0, integer: false });
  checkNumber(fn, 'learningRate', base, { min: Number.MIN_VALUE, integer: false });

  const worse = mode === 'min' ? Infinity : -Infinity;
  let s: PlateauState & { best: number } = {
    learningRate: base,
    best: worse,
    numBadEpochs: 0,
    cooldownCounter: 0,
    lastEpoch: 0,
  };
  // Same expressions as PyTorch's is_better, so ties and rounding decide identically.
  const isBetter = (a: number, best: number): boolean => {
    if (mode === 'min')
      return thresholdMode === 'rel' ? a < best * (1 - threshold) : a < best - threshold;
    return thresholdMode === 'rel' ? a > best * (threshold + 1) : a > best + threshold;
  };

  const reportMetric = (metric: number): number => {
    // PyTorch counts NaN as "not better" and carries on; a NaN metric is a bug upstream, so say so.
    if (!Number.isFinite(metric)) {
      throw new TrainingError(
        'INVALID_OPTION',
        `${fn}: metric ${s.lastEpoch + 1} is ${String(metric)}; report a finite number`,
      );
    }
    s.lastEpoch++;
    if (isBetter(metric, s.best)) {
      s.best = metric;
      s.numBadEpochs = 0;
    } else {
      s.numBadEpochs++;
    }
    if (s.cooldownCounter > 0) {
      s.cooldownCounter--;
      s.numBadEpochs = 0;
    }
    if (s.numBadEpochs > patience) {
      const next = Math.max(s.learningRate * factor, minLr);
      if (s.learningRate - next > eps) s.learningRate = next;
      s.cooldownCounter = cooldown;
      s.numBadEpochs = 0;
    }
    return s.learningRate / base;
  };
  // Called with a step like any Schedule; the step is ignored, the rate only moves on reportMetric.
  const schedule = Object.assign(() => s.learningRate / base, {
    reportMetric,
    learningRate: base,
    state: (): PlateauState => ({ ...s, best: Number.isFinite(s.best) ? s.best : null }),
    setState: (state: PlateauState): void => {
      s = { ...state, best: state.best ?? worse };
    },
  });
  Object.defineProperty(schedule, 'learningRate', { get: () => s.learningRate, enumerable: true });
  return schedule;
}
