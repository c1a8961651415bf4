import { checkOptionsObject, isList } from './check-args';
import { TrainingError } from './errors';

/**
 * How an evaluation counts against patience.
 * - `'hf'`: Hugging Face `Trainer` + `EarlyStoppingCallback`. The best value moves on every strict improvement;
 *   the threshold only decides whether the improvement resets the patience counter.
 * - `'keras'`: Keras / PyTorch Lightning `EarlyStopping`. Only an improvement by more than the threshold
 *   (`value - minDelta > best`) counts: it both moves the best and resets the counter.
 */
export type EarlyStoppingRule = 'hf' | 'keras';

/** Options of {@link earlyStoppingStep} and {@link simulateEarlyStopping}. */
export interface EarlyStoppingOptions {
  /** Whether higher (`'max'`) or lower (`'min'`) values are better. Required. */
  mode: 'min' | 'max';
  /** Stop once this many evaluations in a row did not count as an improvement. @defaultValue never stop */
  patience?: number;
  /** HF's `early_stopping_threshold`, Keras' `min_delta`. @defaultValue 0 */
  minDelta?: number;
  /** Which library's semantics. @defaultValue 'hf' */
  rule?: EarlyStoppingRule;
}

/** What the rule carries between evaluations (it is saved in checkpoints as `best.value` and `badEvals`). */
export interface EarlyStoppingState {
  /** Best value so far, `null` before the first evaluation. */
  best: number | null;
  /** Evaluations in a row that did not reset the counter. */
  badEvals: number;
}

/** Outcome of one evaluation. */
export interface EarlyStoppingDecision extends EarlyStoppingState {
  /** The value became the new best (save the best checkpoint). */
  isBest: boolean;
  /** Patience is used up: stop training. */
  stop: boolean;
}

/**
 * Applies one evaluation to the early-stopping state. Pure: returns the next state.
 * @throws {TrainingError} INVALID_OPTION on a negative minDelta, a patience that is not an integer ≥ 1, or a
 *   value that is NaN.
 * @example earlyStoppingStep({ best: 0.55, badEvals: 1 }, 0.62, { mode: 'max', patience: 2, minDelta: 0.1 })
 * // { best: 0.62, badEvals: 2, isBest: true, stop: true }
 * @see https://github.com/huggingface/transformers/blob/main/src/transformers/trainer_callback.py
 */
export function earlyStoppingStep(
  state: Readonly<EarlyStoppingState>,
  value: number,
  options: EarlyStoppingOptions,
): EarlyStoppingDecision {
  checkOptionsObject('earlyStoppingStep', options);
  checkOptionsObject('earlyStoppingStep', state, { label: 'state' });
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new TrainingError(
      'INVALID_OPTION',
      `earlyStoppingStep: value must be a metric value (a number, not NaN), got ${typeof value === 'number' ? value : typeof value}`,
    );
  if (state.best !== null && typeof state.best !== 'number')
    throw new TrainingError(
      'INVALID_OPTION',
      `earlyStoppingStep: state.best must be null or a number, got ${String(state.best)}`,
    );
  if (!(Number.isSafeInteger(state.badEvals) && state.badEvals >= 0))
    throw new TrainingError(
      'INVALID_OPTION',
      `earlyStoppingStep: state.badEvals must be an integer >= 0, got ${String(state.badEvals)}`,
    );
  const { mode, patience, minDelta = 0, rule = 'hf' } = options;
  if (!(minDelta >= 0))
    throw new TrainingError('INVALID_OPTION', `minDelta must be >= 0, got ${String(minDelta)}`);
  if (patience !== undefined && !(Number.isInteger(patience) && patience >= 1))
    throw new TrainingError(
      'INVALID_OPTION',
      `patience must be an integer >= 1, got ${String(patience)}`,
    );
  if (Number.isNaN(value))
    throw new TrainingError('INVALID_OPTION', 'earlyStoppingStep: the metric value is NaN');
  const { best } = state;
  const beats = (a: number, b: number) => (mode === 'max' ? a > b : a < b);
  let isBest: boolean;
  let resets: boolean;
  if (rule === 'hf') {
    // EarlyStoppingCallback.check_metric_value runs inside evaluate(), before Trainer._determine_best_metric, so
    // it compares with the previous best: strictly better AND |value − best| > threshold resets the counter.
    resets = best === null || (beats(value, best) && Math.abs(value - best) > minDelta);
    // _determine_best_metric: np.greater / np.less against the best, no threshold.
    isBest = best === null || beats(value, best);
  } else if (rule === 'keras') {
    // keras.callbacks.EarlyStopping._is_improvement: monitor_op(current - min_delta, best), sign per mode.
    isBest = best === null || beats(mode === 'max' ? value - minDelta : value + minDelta, best);
    resets = isBest;
  } else {
    const never: never = rule;
    throw new TrainingError(
      'INVALID_OPTION',
      `unknown early-stopping rule '${String(never)}'; use 'hf' or 'keras'`,
    );
  }
  const badEvals = resets ? 0 : state.badEvals + 1;
  return {
    best: isBest ? value : best,
    badEvals,
    isBest,
    stop: patience !== undefined && badEvals >= patience,
  };
}

/** What {@link simulateEarlyStopping} returns. */
export interface EarlyStoppingTrace {
  /** 1-based evaluation after which training stops, or `null` when it runs to the end. */
  stopAfter: number | null;
  /** 0-based index of the best value among the evaluations seen. */
  bestIndex: number | null;
  best: number | null;
  /** The patience counter after each evaluation seen. */
  counters: number[];
}

/**
 * Runs {@link earlyStoppingStep} over a sequence of evaluation results, as the {@link Trainer} would.
 * @throws {TrainingError} INVALID_OPTION as {@link earlyStoppingStep}.
 * @example simulateEarlyStopping([0.5, 0.55, 0.62, 0.69, 0.7], { mode: 'max', patience: 2, minDelta: 0.1 }).stopAfter // 3
 */
export function simulateEarlyStopping(
  values: readonly number[],
  options: EarlyStoppingOptions,
): EarlyStoppingTrace {
  checkOptionsObject('simulateEarlyStopping', options);
  if (!isList(values))
    checkOptionsObject('simulateEarlyStopping', undefined, {
      label: 'values (an array of metric values)',
    });
  let state: EarlyStoppingState = { best: null, badEvals: 0 };
  let bestIndex: number | null = null;
  const counters: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const d = earlyStoppingStep(state, values[i]!, options);
    state = d;
    if (d.isBest) bestIndex = i;
    counters.push(d.badEvals);
    if (d.stop) return { stopAfter: i + 1, bestIndex, best: state.best, counters };
  }
  return { stopAfter: null, bestIndex, best: state.best, counters };
}
