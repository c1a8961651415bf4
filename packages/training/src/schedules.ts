import { TrainingError } from './errors';

/**
 * A learning-rate schedule: a pure function from the optimizer step (0-based, the number of updates already made)
 * to a factor of each parameter group's base learning rate, as `torch.optim.lr_scheduler.LambdaLR` applies it.
 */
export type Schedule = (step: number) => number;

/** Names accepted by {@link getSchedule}, as Hugging Face `get_scheduler` spells them, plus ULMFiT and one-cycle. */
export type ScheduleName =
  | 'constant'
  | 'constant_with_warmup'
  | 'linear'
  | 'cosine'
  | 'cosine_with_restarts'
  | 'polynomial'
  | 'inverse_sqrt'
  | 'warmup_stable_decay'
  | 'slanted_triangular'
  | 'one_cycle';

/** Options shared by the Hugging Face schedules. */
export interface WarmupOptions {
  /** Linear warmup steps from 0 to the base rate. Default 0. */
  warmupSteps?: number;
}
export interface DecayOptions extends WarmupOptions {
  /** Total number of optimizer steps. Required. */
  totalSteps: number;
}

function check(name: string, value: number | undefined, min: number, integer = true): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new TrainingError(
      'INVALID_OPTION',
      `${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${String(value)}`,
    );
  }
}

function warmup(step: number, warmupSteps: number): number {
  return step / Math.max(1, warmupSteps);
}

/**
 * Constant factor 1 (`get_constant_schedule`).
 * @example constantSchedule()(10) // 1
 */
export function constantSchedule(): Schedule {
  return () => 1;
}

/**
 * Linear warmup then constant (`get_constant_schedule_with_warmup`).
 * @throws {TrainingError} INVALID_OPTION when warmupSteps is negative or not an integer.
 */
export function constantWithWarmupSchedule(options: WarmupOptions = {}): Schedule {
  const w = options.warmupSteps ?? 0;
  check('warmupSteps', w, 0);
  return (step) => (step < w ? warmup(step, w) : 1);
}

/**
 * Linear warmup then linear decay to 0 at `totalSteps` (`get_linear_schedule_with_warmup`).
 * @throws {TrainingError} INVALID_OPTION on a negative or non-integer step count.
 * @example linearSchedule({ warmupSteps: 10, totalSteps: 100 })(55) // 0.5
 */
export function linearSchedule(options: DecayOptions): Schedule {
  const w = options.warmupSteps ?? 0;
  const t = options.totalSteps;
  check('warmupSteps', w, 0);
  check('totalSteps', t, 0);
  return (step) => (step < w ? warmup(step, w) : Math.max(0, (t - step) / Math.max(1, t - w)));
}

/** Options of {@link cosineSchedule}. */
export interface CosineOptions extends DecayOptions {
  /** Number of cosine waves over the decay; 0.5 decays once from 1 to 0. Default 0.5. */
  numCycles?: number;
}

/**
 * Linear warmup then cosine decay (`get_cosine_schedule_with_warmup`).
 * @throws {TrainingError} INVALID_OPTION on bad step counts or a negative `numCycles`.
 */
export function cosineSchedule(options: CosineOptions): Schedule {
  const w = options.warmupSteps ?? 0;
  const t = options.totalSteps;
  const c = options.numCycles ?? 0.5;
  check('warmupSteps', w, 0);
  check('totalSteps', t, 0);
  check('numCycles', c, 0, false);
  return (step) => {
    if (step < w) return warmup(step, w);
    const p = (step - w) / Math.max(1, t - w);
    return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * c * 2 * p)));
  };
}

/**
 * Linear warmup then `numCycles` cosine decays with hard restarts (`get_cosine_with_hard_restarts_schedule_with_warmup`).
 * @throws {TrainingError} INVALID_OPTION on bad step counts or a negative `numCycles`.
 */
export function cosineWithRestartsSchedule(
  options: DecayOptions & { numCycles?: number },
): Schedule {
  const w = options.warmupSteps ?? 0;
  const t = options.totalSteps;
  const c = options.numCycles ?? 1;
  check('warmupSteps', w, 0);
  check('totalSteps', t, 0);
  check('numCycles', c, 0, false);
  return (step) => {
    if (step < w) return warmup(step, w);
    const p = (step - w) / Math.max(1, t - w);
    if (p >= 1) return 0;
    return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * ((c * p) % 1))));
  };
}

/** Options of {@link polynomialSchedule}. */
export interface PolynomialOptions extends DecayOptions {
  /** Base learning rate the factor is relative to (HF reads it from the optimizer). Required. */
  learningRate: number;
  /** Final learning rate. Default 1e-7. */
  lrEnd?: number;
  /** Power of the decay. Default 1. */
  power?: number;
}

/**
 * Linear warmup then polynomial decay from `learningRate` to `lrEnd` (`get_polynomial_decay_schedule_with_warmup`).
 * @throws {TrainingError} INVALID_OPTION when `lrEnd` is not below `learningRate` or step counts are bad.
 */
export function polynomialSchedule(options: PolynomialOptions): Schedule {
  const w = options.warmupSteps ?? 0;
  const t = options.totalSteps;
  const lr0 = options.learningRate;
  const lrEnd = options.lrEnd ?? 1e-7;
  const power = options.power ?? 1;
  check('warmupSteps', w, 0);
  check('totalSteps', t, 0);
  if (!(lr0 > lrEnd))
    throw new TrainingError(
      'INVALID_OPTION',
      `lrEnd (${lrEnd}) must be smaller than learningRate (${lr0})`,
    );
  return (step) => {
    if (step < w) return warmup(step, w);
    if (step > t) return lrEnd / lr0;
    const remaining = 1 - (step - w) / (t - w);
    return ((lr0 - lrEnd) * remaining ** power + lrEnd) / lr0;
  };
}

/**
 * Linear warmup then inverse square-root decay (`get_inverse_sqrt_schedule`).
 * `timescale` defaults to `warmupSteps`, or 10 000 without warmup.
 * @throws {TrainingError} INVALID_OPTION on a negative warmup or non-positive timescale.
 */
export function inverseSqrtSchedule(
  options: WarmupOptions & { timescale?: number } = {},
): Schedule {
  const w = options.warmupSteps ?? 0;
  check('warmupSteps', w, 0);
  const ts = options.timescale ?? (w || 10_000);
  check('timescale', ts, 1, false);
  return (step) => (step < w ? warmup(step, w) : 1 / Math.sqrt((step + ts - w) / ts));
}

/** Options of {@link warmupStableDecaySchedule}. */
export interface WarmupStableDecayOptions extends WarmupOptions {
  /** Steps at the base rate after warmup. Required. */
  stableSteps: number;
  /** Steps of cosine decay after the stable phase. Required. */
  decaySteps: number;
  /** Factor reached at the end of the decay and kept afterwards. Default 0. */
  minLrRatio?: number;
  /** Cosine cycles of the decay. Default 0.5. */
  numCycles?: number;
}

/**
 * Warmup, stable, then cosine decay to `minLrRatio` (`get_wsd_schedule`, cosine decay).
 * @throws {TrainingError} INVALID_OPTION on negative step counts or a ratio outside [0, 1].
 */
export function warmupStableDecaySchedule(options: WarmupStableDecayOptions): Schedule {
  const w = options.warmupSteps ?? 0;
  const s = options.stableSteps;
  const d = options.decaySteps;
  const mn = options.minLrRatio ?? 0;
  const c = options.numCycles ?? 0.5;
  check('warmupSteps', w, 0);
  check('stableSteps', s, 0);
  check('decaySteps', d, 0);
  if (!(mn >= 0 && mn <= 1))
    throw new TrainingError('INVALID_OPTION', `minLrRatio must be in [0, 1], got ${mn}`);
  return (step) => {
    if (step < w) return warmup(step, w);
    if (step < w + s) return 1;
    if (step < w + s + d) {
      const p = (step - w - s) / Math.max(1, d);
      const v = Math.max(0, 0.5 * (1 + Math.cos(Math.PI * c * 2 * p)));
      return (1 - mn) * v + mn;
    }
    return mn;
  };
}

/** Options of {@link slantedTriangularSchedule} (Howard & Ruder 2018, eq. 3). */
export interface SlantedTriangularOptions {
  /** Total steps T. Required. */
  totalSteps: number;
  /** Fraction of steps spent increasing the rate. Default 0.1. */
  cutFrac?: number;
  /** How much smaller the lowest rate is than the peak. Default 32. */
  ratio?: number;
}

/**
 * ULMFiT slanted triangular rates: a short linear rise to the peak, then a long linear decay to peak/ratio.
 * @throws {TrainingError} INVALID_OPTION when cutFrac is outside (0, 1) or T·cutFrac < 1.
 */
export function slantedTriangularSchedule(options: SlantedTriangularOptions): Schedule {
  const t = options.totalSteps;
  const cf = options.cutFrac ?? 0.1;
  const ratio = options.ratio ?? 32;
  check('totalSteps', t, 1);
  if (!(cf > 0 && cf < 1))
    throw new TrainingError('INVALID_OPTION', `cutFrac must be in (0, 1), got ${cf}`);
  check('ratio', ratio, 1, false);
  const cut = Math.floor(t * cf);
  if (cut < 1)
    throw new TrainingError('INVALID_OPTION', `totalSteps * cutFrac must be >= 1, got ${t * cf}`);
  return (step) => {
    const p = step < cut ? step / cut : 1 - (step - cut) / (cut * (1 / cf - 1));
    return (1 + p * (ratio - 1)) / ratio;
  };
}

/** Options of {@link oneCycleSchedule} (PyTorch `OneCycleLR`). */
export interface OneCycleOptions {
  /** Total steps. Required. */
  totalSteps: number;
  /** Fraction of steps rising to the peak. Default 0.3. */
  pctStart?: number;
  /** 'cos' or 'linear'. Default 'cos'. */
  annealStrategy?: 'cos' | 'linear';
  /** Start rate = peak / divFactor. Default 25. */
  divFactor?: number;
  /** Final rate = start / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
  /** Rise, fall back to start, then anneal to the final rate. Default false. */
  threePhase?: boolean;
}

/**
 * One-cycle policy with PyTorch `OneCycleLR` semantics; the factor is relative to the peak (`max_lr` = base rate).
 * @throws {TrainingError} INVALID_OPTION on bad options, or when called with step > totalSteps (as PyTorch raises).
 */
export function oneCycleSchedule(options: OneCycleOptions): Schedule {
  const t = options.totalSteps;
  const pct = options.pctStart ?? 0.3;
  const div = options.divFactor ?? 25;
  const finalDiv = options.finalDivFactor ?? 1e4;
  check('totalSteps', t, 1);
  if (!(pct >= 0 && pct <= 1))
    throw new TrainingError('INVALID_OPTION', `pctStart must be in [0, 1], got ${pct}`);
  check('divFactor', div, Number.MIN_VALUE, false);
  check('finalDivFactor', finalDiv, Number.MIN_VALUE, false);
  const initial = 1 / div;
  const min = initial / finalDiv;
  const phases: Array<{ end: number; from: number; to: number }> = options.threePhase
    ? [
        { end: pct * t - 1, from: initial, to: 1 },
        { end: 2 * pct * t - 2, from: 1, to: initial },
        { end: t - 1, from: initial, to: min },
      ]
    : [
        { end: pct * t - 1, from: initial, to: 1 },
        { end: t - 1, from: 1, to: min },
      ];
  const anneal =
    options.annealStrategy === 'linear'
      ? (a: number, b: number, p: number) => (b - a) * p + a
      : (a: number, b: number, p: number) => b + ((a - b) / 2) * (Math.cos(Math.PI * p) + 1);
  return (step) => {
    if (step > t)
      throw new TrainingError('INVALID_OPTION', `one-cycle step ${step} is beyond totalSteps ${t}`);
    let start = 0;
    for (let i = 0; i < phases.length; i++) {
      const ph = phases[i]!;
      if (step <= ph.end || i === phases.length - 1)
        return anneal(ph.from, ph.to, (step - start) / (ph.end - start));
      start = ph.end;
    }
    return min;
  };
}

/** Options of {@link getSchedule}: the union of each schedule's options. */
export type GetScheduleOptions = Partial<
  CosineOptions &
    PolynomialOptions &
    WarmupStableDecayOptions &
    SlantedTriangularOptions &
    OneCycleOptions
> & { timescale?: number };

/**
 * Hugging Face `get_scheduler` by name.
 * @throws {TrainingError} INVALID_OPTION on an unknown name or a missing required option.
 * @example getSchedule('linear', { warmupSteps: 10, totalSteps: 100 })(5) // 0.5
 */
export function getSchedule(name: ScheduleName, options: GetScheduleOptions = {}): Schedule {
  const need = (key: keyof GetScheduleOptions): number => {
    const v = options[key];
    if (typeof v !== 'number')
      throw new TrainingError('INVALID_OPTION', `schedule '${name}' needs options.${key}`);
    return v;
  };
  switch (name) {
    case 'constant':
      return constantSchedule();
    case 'constant_with_warmup':
      return constantWithWarmupSchedule(options);
    case 'linear':
      return linearSchedule({ ...options, totalSteps: need('totalSteps') });
    case 'cosine':
      return cosineSchedule({ ...options, totalSteps: need('totalSteps') });
    case 'cosine_with_restarts':
      return cosineWithRestartsSchedule({ ...options, totalSteps: need('totalSteps') });
    case 'polynomial':
      return polynomialSchedule({
        ...options,
        totalSteps: need('totalSteps'),
        learningRate: need('learningRate'),
      });
    case 'inverse_sqrt':
      return inverseSqrtSchedule(options);
    case 'warmup_stable_decay':
      return warmupStableDecaySchedule({
        ...options,
        stableSteps: need('stableSteps'),
        decaySteps: need('decaySteps'),
      });
    case 'slanted_triangular':
      return slantedTriangularSchedule({ ...options, totalSteps: need('totalSteps') });
    case 'one_cycle':
      return oneCycleSchedule({ ...options, totalSteps: need('totalSteps') });
    default:
      throw new TrainingError('INVALID_OPTION', `unknown schedule '${String(name)}'`);
  }
}
