import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { writeFileAtomic } from './write-file-atomic';
import type { Checkpoint } from './checkpoint';
import { clipGradNorm } from './clip-grad';
import { GradientSums } from './gradient-sums';
import type { GradientsTransfer } from './gradient-sums';
import { earlyStoppingStep } from './early-stopping';
import type { EarlyStoppingRule } from './early-stopping';
import { TrainingError } from './errors';
import type { FreezePlan } from './freeze-plan';
import type { Optimizer } from './optimizer';
import type { MomentumSchedule, PlateauSchedule, PlateauState, Schedule } from './schedules';
import { SeededRng } from './seeded-rng';
import type { LossAndGrads, Params, Trainable } from './types';
import { checkFinite, checkOptionsObject, isRecord, show, isList } from './check-args';

/** One line of the training log (also written to `logs.jsonl`). */
export type LogEntry =
  | {
      type: 'train';
      step: number;
      epoch: number;
      loss: number;
      learningRate: number;
      gradNorm: number;
    }
  | { type: 'eval'; step: number; epoch: number; metrics: Record<string, number> };

/** Options of {@link Trainer}. */
export interface TrainerOptions<E> {
  /** The backend. Required. */
  model: Trainable<E>;
  /** Optimizer over `model.params`. Required. */
  optimizer: Optimizer;
  /** Training examples. Required. */
  train: readonly E[];
  /** Seed of the run's single {@link SeededRng} (shuffling, dropout). Pass `rng` instead to share one with init. */
  seed?: number;
  /** The run's random source; default `new SeededRng(seed ?? 0)`. */
  rng?: SeededRng;
  /** Examples per micro-batch. Default 8. */
  batchSize?: number;
  /** Micro-batches per optimizer step; gradients are averaged over them. Default 1. */
  gradientAccumulationSteps?: number;
  /** Epochs. Default 1. Ignored when `maxSteps` is set. */
  epochs?: number;
  /** Stop after this many optimizer steps. */
  maxSteps?: number;
  /** Shuffle every epoch. Default true. */
  shuffle?: boolean;
  /**
   * Learning-rate factor per step. Default constant. A {@link PlateauSchedule} (`reduceLrOnPlateau`) is fed
   * `metricForBest` after every evaluation, as Hugging Face's Trainer feeds `metric_for_best_model` to
   * `reduce_lr_on_plateau`, and its state is kept in checkpoints; it needs `evaluate`.
   */
  schedule?: Schedule | PlateauSchedule;
  /**
   * SGD momentum / Adam β₁ per step (`oneCycleMomentum`, torch `OneCycleLR(cycle_momentum=True)`), set through
   * `optimizer.setMomentum` before each step. Default: the optimizer's own, unchanged.
   */
  momentumSchedule?: MomentumSchedule;
  /** Clip the global L2 norm of the gradients to this. Default: no clipping (the norm is still logged). */
  maxGradNorm?: number;
  /** Trainable parameters per step. Default: every parameter. */
  freezePlan?: FreezePlan;
  /** Metrics on held-out data; called every `evalSteps` and at the end. */
  evaluate?: (step: number) => Record<string, number> | Promise<Record<string, number>>;
  /** Evaluate every N optimizer steps. Default: once per epoch. */
  evalSteps?: number;
  /**
   * Metric that decides the best checkpoint and early stopping. Default 'loss' with mode 'min'. An evaluation
   * without it throws INVALID_OPTION (HF's Trainer raises KeyError there too; its callback alone would only warn).
   */
  metricForBest?: string;
  /** Whether higher or lower is better. Default 'max', or 'min' when metricForBest is 'loss'. */
  mode?: 'min' | 'max';
  /** Stop after this many evaluations in a row that do not reset the counter (see `earlyStoppingRule`). Default: never. */
  patience?: number;
  /**
   * Improvement threshold: HF's `early_stopping_threshold` (rule 'hf') or Keras' `min_delta` (rule 'keras').
   * @defaultValue 0
   */
  minDelta?: number;
  /**
   * `'hf'` (Hugging Face Trainer + EarlyStoppingCallback): the best checkpoint moves on every strict improvement,
   * and only an improvement by more than `minDelta` resets patience. `'keras'` (Keras / Lightning): only an
   * improvement by more than `minDelta` counts, for both. See {@link earlyStoppingStep}.
   * @defaultValue 'hf'
   */
  earlyStoppingRule?: EarlyStoppingRule;
  /** Copy the best parameters back into the model at the end. Default true when `evaluate` is given. */
  loadBestAtEnd?: boolean;
  /** Log the mean training loss every N steps. Default 10. */
  logSteps?: number;
  /** Folder for `logs.jsonl`, `checkpoint-last.json` and `checkpoint-best.json`. Default: nothing written. */
  outputDir?: string;
  /** Save `checkpoint-last.json` every N steps (needs outputDir). Default: only at the end. */
  saveSteps?: number;
  /** Continue from this checkpoint file. */
  resumeFrom?: string;
  /** Receives a progress line (step, loss, learning rate, ETA) after every log step. */
  onProgress?: (line: string) => void;
  /** Called after each optimizer step; throwing stops the run (used to simulate interruptions). */
  onStep?: (step: number) => void;
  /**
   * Stops the run at the next step boundary when aborted (Ctrl-C): with `outputDir`, `checkpoint-last.json` is saved
   * first, so `resumeFrom` continues exactly there. Then `train()` rejects with INTERRUPTED.
   */
  signal?: AbortSignal;
}

/** What {@link Trainer.train} returns. */
export interface TrainResult {
  steps: number;
  epochs: number;
  log: LogEntry[];
  best: { step: number; value: number; metrics: Record<string, number> } | null;
  stoppedEarly: boolean;
}

function copyParams(p: Params): Params {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.slice()]));
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${s.toFixed(1)}s`;
}

/**
 * A training loop over any {@link Trainable}: epochs or steps, gradient accumulation, schedules, clipping,
 * freeze plans, periodic evaluation, early stopping, best-model keeping, atomic checkpoints with exact resume,
 * JSONL logs and progress lines. Stops with NON_FINITE_LOSS / NON_FINITE_GRADIENT naming the step.
 * @example
 * const trainer = new Trainer({ model, optimizer: new AdamW(model.params, { learningRate: 1e-3 }), train, seed: 1 });
 * const result = await trainer.train();
 */
export class Trainer<E> {
  readonly options: TrainerOptions<E>;
  readonly rng: SeededRng;

  /** @throws {TrainingError} INVALID_OPTION on bad sizes or an empty training set. */
  constructor(options: TrainerOptions<E>) {
    checkOptionsObject('Trainer', options);
    if (!isList(options.train))
      throw new TrainingError(
        'INVALID_OPTION',
        `Trainer: train must be an array of examples, got ${show(options.train)}`,
      );
    if (!isRecord(options.model) || !isRecord(options.model.params))
      throw new TrainingError(
        'INVALID_OPTION',
        `Trainer: model must be a Trainable with params, got ${show(options.model)}`,
      );
    // By shape, not instanceof: an optimizer from the package's other build (ESM beside CJS) is just as good.
    const opt: unknown = options.optimizer;
    if (
      !isRecord(opt) ||
      typeof opt['step'] !== 'function' ||
      typeof opt['stateDict'] !== 'function'
    )
      throw new TrainingError(
        'INVALID_OPTION',
        `Trainer: optimizer must be an Optimizer (new AdamW(...)), got ${show(options.optimizer)}`,
      );
    // Infinity turns clipping off; NaN or a negative norm is a typo.
    if (options.maxGradNorm !== undefined && !(options.maxGradNorm >= 0))
      throw new TrainingError(
        'INVALID_OPTION',
        `Trainer: maxGradNorm must be a number >= 0 (Infinity: no clipping), got ${String(options.maxGradNorm)}`,
      );
    if (options.seed !== undefined && options.rng === undefined)
      checkFinite('Trainer', 'seed', options.seed);
    if (options.minDelta !== undefined) checkFinite('Trainer', 'minDelta', options.minDelta);
    if (options.mode !== undefined && options.mode !== 'min' && options.mode !== 'max')
      throw new TrainingError(
        'INVALID_OPTION',
        `Trainer: mode must be 'min' or 'max', got ${show(options.mode)}`,
      );
    this.options = options;
    this.rng = options.rng ?? new SeededRng(options.seed ?? 0);
    const pos = (name: string, v: number | undefined) => {
      if (v !== undefined && !(Number.isInteger(v) && v > 0))
        throw new TrainingError('INVALID_OPTION', `${name} must be an integer > 0, got ${v}`);
    };
    pos('batchSize', options.batchSize);
    pos('gradientAccumulationSteps', options.gradientAccumulationSteps);
    pos('epochs', options.epochs);
    pos('maxSteps', options.maxSteps);
    pos('evalSteps', options.evalSteps);
    pos('logSteps', options.logSteps);
    pos('saveSteps', options.saveSteps);
    pos('patience', options.patience);
    if (options.train.length === 0)
      throw new TrainingError('INVALID_OPTION', 'train has no examples');
    if (options.saveSteps !== undefined && options.outputDir === undefined)
      throw new TrainingError('INVALID_OPTION', 'saveSteps needs outputDir');
  }

  /**
   * Runs training to the end (or early stop).
   * @throws {TrainingError} NON_FINITE_LOSS / NON_FINITE_GRADIENT naming the step; CHECKPOINT_CORRUPT on a bad resume file.
   */
  async train(): Promise<TrainResult> {
    const o = this.options;
    const { model, optimizer, train } = o;
    const batchSize = o.batchSize ?? 8;
    const accum = o.gradientAccumulationSteps ?? 1;
    const microPerEpoch = Math.ceil(train.length / batchSize);
    const stepsPerEpoch = Math.ceil(microPerEpoch / accum);
    const maxSteps = o.maxSteps ?? (o.epochs ?? 1) * stepsPerEpoch;
    const evalSteps = o.evalSteps ?? stepsPerEpoch;
    const logSteps = o.logSteps ?? 10;
    const metricForBest = o.metricForBest ?? 'loss';
    const mode = o.mode ?? (metricForBest === 'loss' ? 'min' : 'max');
    const minDelta = o.minDelta ?? 0;
    const names = Object.keys(model.params);
    const logPath = o.outputDir !== undefined ? join(o.outputDir, 'logs.jsonl') : undefined;
    if (o.outputDir !== undefined) mkdirSync(o.outputDir, { recursive: true });

    const plateau =
      o.schedule !== undefined && 'reportMetric' in o.schedule ? o.schedule : undefined;
    if (plateau !== undefined && o.evaluate === undefined) {
      throw new TrainingError(
        'INVALID_OPTION',
        'a reduceLrOnPlateau schedule needs evaluate: it lowers the rate from evaluation metrics',
      );
    }
    let state: Checkpoint = {
      step: 0,
      epoch: 0,
      order: null,
      batchIndex: 0,
      rng: this.rng.state(),
      params: model.params,
      optimizer: optimizer.stateDict(),
      best: null,
      badEvals: 0,
      pending: { lossSum: 0, count: 0 },
    };
    if (o.resumeFrom !== undefined) {
      const c = loadCheckpoint(o.resumeFrom);
      // Everything is checked before anything is written, so a bad file never leaves a half-loaded model.
      for (const n of names) {
        const src = c.params[n];
        if (src === undefined || src.length !== model.params[n]!.length) {
          throw new TrainingError(
            'CHECKPOINT_CORRUPT',
            `checkpoint parameter '${n}' is missing or has the wrong size`,
          );
        }
      }
      try {
        new SeededRng(0).setState(c.rng);
      } catch (cause) {
        throw new TrainingError('CHECKPOINT_CORRUPT', `checkpoint rng state is not valid`, {
          cause,
        });
      }
      optimizer.loadStateDict(c.optimizer);
      for (const n of names) model.params[n]!.set(c.params[n]!);
      this.rng.setState(c.rng);
      if (plateau !== undefined && c.schedule !== undefined)
        plateau.setState(c.schedule as PlateauState);
      state = { ...c, params: model.params };
      if (logPath !== undefined && existsSync(logPath)) {
        // Drop lines written after the checkpoint (by the interrupted run), so the log matches an uninterrupted run.
        const kept = readFileSync(logPath, 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '' && (JSON.parse(l) as { step: number }).step <= c.step);
        writeFileAtomic(logPath, kept.map((l) => `${l}\n`).join(''));
      }
    }
    let bestParams: Params | null =
      state.best !== null && o.outputDir !== undefined ? tryLoadBest(o.outputDir, names) : null;
    const log: LogEntry[] = [];
    const write = (e: LogEntry) => {
      log.push(e);
      if (logPath !== undefined) appendFileSync(logPath, `${JSON.stringify(e)}\n`);
    };
    const save = (file: string) => {
      if (o.outputDir === undefined) return;
      saveCheckpoint(join(o.outputDir, file), {
        ...state,
        ...(plateau !== undefined ? { schedule: plateau.state() } : {}),
        rng: this.rng.state(),
        params: model.params,
        optimizer: optimizer.stateDict(),
      });
    };
    const started = Date.now();
    const startStep = state.step;
    let stoppedEarly = false;
    let lastEval = -1;

    const runEval = async (): Promise<boolean> => {
      if (o.evaluate === undefined) return false;
      lastEval = state.step;
      const metrics = await o.evaluate(state.step);
      write({ type: 'eval', step: state.step, epoch: state.epoch, metrics });
      const value = metrics[metricForBest];
      // HF's EarlyStoppingCallback only warns here, but its Trainer._determine_best_metric raises KeyError for the
      // same metric; the metric also picks our best checkpoint, so a missing one is an error, never a silent skip.
      if (value === undefined)
        throw new TrainingError(
          'INVALID_OPTION',
          `step ${state.step}: evaluate() returned no '${metricForBest}' (metricForBest); it returned ${JSON.stringify(Object.keys(metrics))}`,
        );
      plateau?.reportMetric(value);
      const d = earlyStoppingStep(
        { best: state.best?.value ?? null, badEvals: state.badEvals },
        value,
        { mode, patience: o.patience, minDelta, rule: o.earlyStoppingRule },
      );
      state.badEvals = d.badEvals;
      if (d.isBest) {
        state.best = { step: state.step, value, metrics };
        bestParams = copyParams(model.params);
        save('checkpoint-best.json');
      }
      return d.stop;
    };

    const sums = new GradientSums();
    // The gradients are touched only inside these two functions. A suspended async function keeps its dead locals
    // (the interpreter saves every register at an await), so a step's gradients held by a variable of train()
    // itself would stay reachable through the whole next forward + backward, beside the next step's: 415 MB at
    // bert-base size.
    const addMicroBatch = async (
      batch: readonly E[],
      step: number,
      trainable: ReadonlySet<string>,
    ): Promise<number> => {
      const r: LossAndGrads & GradientsTransfer = await model.computeGradients(batch, {
        step,
        trainable,
        rng: this.rng,
      });
      if (!Number.isFinite(r.loss)) {
        throw new TrainingError(
          'NON_FINITE_LOSS',
          `step ${step}: loss is ${r.loss} (epoch ${state.epoch}, micro-batch ${state.batchIndex})`,
        );
      }
      // The finiteness check and the sum in one pass; a throw abandons the step, partial sums included.
      sums.add(r.grads, trainable, accum, step, r.gradsTransferred === true);
      return r.loss;
    };
    const update = (micro: number): number => {
      const sum = sums.finish(micro, accum);
      const gradNorm = clipGradNorm(sum, o.maxGradNorm ?? Infinity);
      optimizer.step(sum);
      // Let go of adopted gradient arrays now, so the collector may take them back before the next backward pass.
      sums.clear();
      return gradNorm;
    };
    while (state.step < maxSteps) {
      const step = state.step;
      const trainable = new Set(o.freezePlan ? o.freezePlan.trainableAt(step) : names);
      optimizer.setLearningRateFactor(o.schedule ? o.schedule(step) : 1);
      if (o.momentumSchedule) optimizer.setMomentum(o.momentumSchedule(step));
      let micro = 0;
      for (; micro < accum; micro++) {
        if (state.order === null) {
          const idx = train.map((_, i) => i);
          state.order = o.shuffle === false ? idx : this.rng.shuffle(idx);
          state.batchIndex = 0;
        }
        const from = state.batchIndex * batchSize;
        const batch = state.order.slice(from, from + batchSize).map((i) => train[i]!);
        const loss = await addMicroBatch(batch, step, trainable);
        state.pending.lossSum += loss;
        state.pending.count++;
        state.batchIndex++;
        if (state.batchIndex >= microPerEpoch) {
          state.order = null;
          state.epoch++;
          micro++;
          break;
        }
      }
      const learningRate = optimizer.groups[0]?.learningRate ?? 0;
      const gradNorm = update(micro);
      state.step++;
      if (state.step % logSteps === 0 || state.step === maxSteps) {
        const loss = state.pending.lossSum / Math.max(1, state.pending.count);
        write({
          type: 'train',
          step: state.step,
          epoch: state.epoch,
          loss,
          learningRate,
          gradNorm,
        });
        state.pending = { lossSum: 0, count: 0 };
        if (o.onProgress) {
          const elapsed = (Date.now() - started) / 1000;
          const eta = (elapsed / (state.step - startStep)) * (maxSteps - state.step);
          const width = 20;
          const filled = Math.round((state.step / maxSteps) * width);
          o.onProgress(
            `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] step ${state.step}/${maxSteps} loss ${loss.toFixed(4)} lr ${learningRate.toExponential(2)} eta ${formatSeconds(eta)}`,
          );
        }
      }
      let stop = false;
      if (state.step % evalSteps === 0) stop = await runEval();
      if (o.saveSteps !== undefined && state.step % o.saveSteps === 0) save('checkpoint-last.json');
      o.onStep?.(state.step);
      if (o.signal?.aborted === true && state.step < maxSteps) {
        save('checkpoint-last.json');
        throw new TrainingError(
          'INTERRUPTED',
          `step ${state.step}: interrupted` +
            (o.outputDir !== undefined
              ? `; resume from ${join(o.outputDir, 'checkpoint-last.json')}`
              : ' (no outputDir, nothing saved)'),
        );
      }
      if (stop) {
        stoppedEarly = true;
        break;
      }
    }
    if (lastEval !== state.step && o.evaluate !== undefined && !stoppedEarly) await runEval();
    save('checkpoint-last.json');
    if ((o.loadBestAtEnd ?? o.evaluate !== undefined) && bestParams !== null) {
      for (const n of names) model.params[n]!.set(bestParams[n]!);
    }
    return { steps: state.step, epochs: state.epoch, log, best: state.best, stoppedEarly };
  }
}

function tryLoadBest(dir: string, names: readonly string[]): Params | null {
  try {
    const c = loadCheckpoint(join(dir, 'checkpoint-best.json'));
    return names.every((n) => c.params[n] !== undefined) ? c.params : null;
  } catch {
    return null;
  }
}
