import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { saveCheckpoint } from './checkpoint';
import type { Checkpoint } from './checkpoint';
import { clipGradNorm, scaleToNorm } from './clip-grad';
import { GradientSums } from './gradient-sums';
import type { GradientsTransfer } from './gradient-sums';
import { earlyStoppingStep } from './early-stopping';
import type { EarlyStoppingRule } from './early-stopping';
import { TrainingError } from './errors';
import type { FreezePlan } from './freeze-plan';
import type { Optimizer } from './optimizer';
import type { MomentumSchedule, PlateauSchedule, Schedule } from './schedules';
import { SeededRng } from './seeded-rng';
import type { LossAndGrads, Params, Trainable } from './types';
import { checkFinite, checkOptionsObject, isRecord, show, isList } from './check-args';
import { resolveTrainPlan } from './trainer-plan';
import type { TrainPlan } from './trainer-plan';
import { resumeFromCheckpoint, truncateLogAfter, tryLoadBest } from './trainer-resume';

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
  /**
   * Receives the progress (step, total, loss, learning rate, ETA in seconds) after every log step. Until 0.2 it
   * received a drawn line; draw one with `ProgressReporter.report` from `@nlpft/cli`.
   */
  onProgress?: (progress: TrainerProgress) => void;
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

/**
 * What {@link TrainerOptions.onProgress} receives after every log step. Draw it with `ProgressReporter.report`
 * from `@nlpft/cli`, or print the fields.
 */
export interface TrainerProgress {
  /** Optimizer steps done. */
  step: number;
  /** Optimizer steps the run will take (`maxSteps`). */
  total: number;
  epoch: number;
  /** Mean training loss since the previous log step. */
  loss: number;
  /** Learning rate of the first parameter group at this step. */
  learningRate: number;
  /** Seconds left at the rate of the steps this run has taken (a resumed run counts only its own). */
  etaSeconds: number;
}

/** The mutable state of one {@link Trainer.train} call, passed between its steps. */
interface TrainRun {
  readonly plan: TrainPlan;
  state: Checkpoint;
  /** A copy of the best parameters so far (restored at the end with `loadBestAtEnd`). */
  bestParams: Params | null;
  readonly log: LogEntry[];
  readonly logPath: string | undefined;
  /** The step of the last evaluation, -1 before the first. */
  lastEval: number;
  /** `Date.now()` when the loop started, and the step it started from (for the ETA). */
  readonly started: number;
  readonly startStep: number;
  readonly sums: GradientSums;
}

function copyParams(p: Params): Params {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.slice()]));
}

/**
 * A training loop over any {@link Trainable}: epochs or steps, gradient accumulation, schedules, clipping,
 * freeze plans, periodic evaluation, early stopping, best-model keeping, atomic checkpoints with exact resume,
 * JSONL logs and progress events. Stops with NON_FINITE_LOSS / NON_FINITE_GRADIENT naming the step.
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
    const run = this.startRun(resolveTrainPlan(this.options));
    let stoppedEarly = false;
    while (run.state.step < run.plan.maxSteps) {
      const { learningRate, gradNorm } = await this.optimizerStep(run);
      this.logStep(run, learningRate, gradNorm);
      if (await this.afterStep(run)) {
        stoppedEarly = true;
        break;
      }
    }
    return this.finishRun(run, stoppedEarly);
  }

  /** Creates the output folder, checks the plateau schedule, and starts fresh or from `resumeFrom`. */
  private startRun(plan: TrainPlan): TrainRun {
    const o = this.options;
    const { model, optimizer } = o;
    const logPath = o.outputDir !== undefined ? join(o.outputDir, 'logs.jsonl') : undefined;
    if (o.outputDir !== undefined) mkdirSync(o.outputDir, { recursive: true });
    if (plan.plateau !== undefined && o.evaluate === undefined) {
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
      state = resumeFromCheckpoint(o.resumeFrom, {
        params: model.params,
        names: plan.names,
        optimizer,
        rng: this.rng,
        plateau: plan.plateau,
      });
      if (logPath !== undefined) truncateLogAfter(logPath, state.step);
    }
    return {
      plan,
      state,
      bestParams:
        state.best !== null && o.outputDir !== undefined
          ? tryLoadBest(o.outputDir, plan.names)
          : null,
      log: [],
      logPath,
      lastEval: -1,
      started: Date.now(),
      startStep: state.step,
      sums: new GradientSums(),
    };
  }

  /**
   * One optimizer step: the step's learning rate, momentum and trainable set, `accum` micro-batches (fewer when the
   * epoch ends first), then the update.
   */
  private async optimizerStep(run: TrainRun): Promise<{ learningRate: number; gradNorm: number }> {
    const o = this.options;
    const { plan, state } = run;
    const step = state.step;
    const trainable = new Set(o.freezePlan ? o.freezePlan.trainableAt(step) : plan.names);
    o.optimizer.setLearningRateFactor(o.schedule ? o.schedule(step) : 1);
    if (o.momentumSchedule) o.optimizer.setMomentum(o.momentumSchedule(step));
    let micro = 0;
    for (; micro < plan.accum; micro++) {
      const loss = await this.addMicroBatch(run, this.nextBatch(run), step, trainable);
      state.pending.lossSum += loss;
      state.pending.count++;
      state.batchIndex++;
      if (state.batchIndex >= plan.microPerEpoch) {
        state.order = null;
        state.epoch++;
        micro++;
        break;
      }
    }
    const learningRate = o.optimizer.groups[0]?.learningRate ?? 0;
    const gradNorm = this.update(run, micro);
    state.step++;
    return { learningRate, gradNorm };
  }

  /** The next micro-batch of the epoch's order, drawing a new (shuffled) order at an epoch's start. */
  private nextBatch(run: TrainRun): E[] {
    const o = this.options;
    const { state } = run;
    if (state.order === null) {
      const idx = o.train.map((_, i) => i);
      state.order = o.shuffle === false ? idx : this.rng.shuffle(idx);
      state.batchIndex = 0;
    }
    const from = state.batchIndex * run.plan.batchSize;
    return state.order.slice(from, from + run.plan.batchSize).map((i) => o.train[i]!);
  }

  // The gradients are touched only inside addMicroBatch and update. A suspended async function keeps its dead
  // locals (the interpreter saves every register at an await), so a step's gradients held by a variable of
  // train() or optimizerStep() would stay reachable through the whole next forward + backward, beside the next
  // step's: 415 MB at bert-base size.

  /** Runs one micro-batch forward and backward and adds its gradients into the step's sums; returns its loss. */
  private async addMicroBatch(
    run: TrainRun,
    batch: readonly E[],
    step: number,
    trainable: ReadonlySet<string>,
  ): Promise<number> {
    const r: LossAndGrads & GradientsTransfer = await this.options.model.computeGradients(batch, {
      step,
      trainable,
      rng: this.rng,
    });
    if (!Number.isFinite(r.loss)) {
      throw new TrainingError(
        'NON_FINITE_LOSS',
        `step ${step}: loss is ${r.loss} (epoch ${run.state.epoch}, micro-batch ${run.state.batchIndex})`,
      );
    }
    // The finiteness check and the sum in one pass; a throw abandons the step, partial sums included.
    run.sums.add(r.grads, trainable, run.plan.accum, step, r.gradsTransferred === true);
    return r.loss;
  }

  /** Averages, clips and applies the step's gradients; returns the norm before clipping. */
  private update(run: TrainRun, micro: number): number {
    const sum = run.sums.finish(micro, run.plan.accum);
    const maxNorm = this.options.maxGradNorm ?? Infinity;
    // The norm as clipGradNorm computes it, from the Σ g² taken while the gradients were checked where there is one.
    const squared = run.sums.squaredNorm();
    const gradNorm =
      squared === undefined
        ? clipGradNorm(sum, maxNorm)
        : scaleToNorm(Object.values(sum), squared ** (1 / 2), maxNorm);
    this.options.optimizer.step(sum);
    // Let go of adopted gradient arrays now, so the collector may take them back before the next backward pass.
    run.sums.clear();
    return gradNorm;
  }

  /** Every `logSteps` steps and at the last one: the mean loss into the log, and a progress event. */
  private logStep(run: TrainRun, learningRate: number, gradNorm: number): void {
    const { plan, state } = run;
    if (state.step % plan.logSteps !== 0 && state.step !== plan.maxSteps) return;
    const loss = state.pending.lossSum / Math.max(1, state.pending.count);
    this.write(run, {
      type: 'train',
      step: state.step,
      epoch: state.epoch,
      loss,
      learningRate,
      gradNorm,
    });
    state.pending = { lossSum: 0, count: 0 };
    if (this.options.onProgress) {
      const elapsed = (Date.now() - run.started) / 1000;
      this.options.onProgress({
        step: state.step,
        total: plan.maxSteps,
        epoch: state.epoch,
        loss,
        learningRate,
        etaSeconds: (elapsed / (state.step - run.startStep)) * (plan.maxSteps - state.step),
      });
    }
  }

  /**
   * What follows an optimizer step: evaluation every `evalSteps`, the periodic checkpoint, `onStep`, and the
   * interruption check. Returns whether early stopping says stop.
   * @throws {TrainingError} INTERRUPTED when `signal` is aborted before the last step (after saving).
   */
  private async afterStep(run: TrainRun): Promise<boolean> {
    const o = this.options;
    const { state } = run;
    let stop = false;
    if (state.step % run.plan.evalSteps === 0) stop = await this.evaluate(run);
    if (o.saveSteps !== undefined && state.step % o.saveSteps === 0)
      this.save(run, 'checkpoint-last.json');
    o.onStep?.(state.step);
    if (o.signal?.aborted === true && state.step < run.plan.maxSteps) {
      this.save(run, 'checkpoint-last.json');
      throw new TrainingError(
        'INTERRUPTED',
        `step ${state.step}: interrupted` +
          (o.outputDir !== undefined
            ? `; resume from ${join(o.outputDir, 'checkpoint-last.json')}`
            : ' (no outputDir, nothing saved)'),
      );
    }
    return stop;
  }

  /** The last evaluation (unless stopped early or just done), the last checkpoint, and the best parameters. */
  private async finishRun(run: TrainRun, stoppedEarly: boolean): Promise<TrainResult> {
    const o = this.options;
    const { state } = run;
    if (run.lastEval !== state.step && o.evaluate !== undefined && !stoppedEarly)
      await this.evaluate(run);
    this.save(run, 'checkpoint-last.json');
    const bestParams = run.bestParams;
    if ((o.loadBestAtEnd ?? o.evaluate !== undefined) && bestParams !== null) {
      for (const n of run.plan.names) o.model.params[n]!.set(bestParams[n]!);
    }
    return { steps: state.step, epochs: state.epoch, log: run.log, best: state.best, stoppedEarly };
  }

  /**
   * Evaluates, logs the metrics, feeds a plateau schedule and keeps the best checkpoint. Returns whether early
   * stopping says stop (false without `evaluate`).
   * @throws {TrainingError} INVALID_OPTION when the metrics lack `metricForBest`.
   */
  private async evaluate(run: TrainRun): Promise<boolean> {
    const o = this.options;
    const { plan, state } = run;
    if (o.evaluate === undefined) return false;
    run.lastEval = state.step;
    const metrics = await o.evaluate(state.step);
    this.write(run, { type: 'eval', step: state.step, epoch: state.epoch, metrics });
    const value = metrics[plan.metricForBest];
    // HF's EarlyStoppingCallback only warns here, but its Trainer._determine_best_metric raises KeyError for the
    // same metric; the metric also picks our best checkpoint, so a missing one is an error, never a silent skip.
    if (value === undefined)
      throw new TrainingError(
        'INVALID_OPTION',
        `step ${state.step}: evaluate() returned no '${plan.metricForBest}' (metricForBest); it returned ${JSON.stringify(Object.keys(metrics))}`,
      );
    plan.plateau?.reportMetric(value);
    const d = earlyStoppingStep(
      { best: state.best?.value ?? null, badEvals: state.badEvals },
      value,
      { mode: plan.mode, patience: o.patience, minDelta: plan.minDelta, rule: o.earlyStoppingRule },
    );
    state.badEvals = d.badEvals;
    if (d.isBest) {
      state.best = { step: state.step, value, metrics };
      run.bestParams = copyParams(o.model.params);
      this.save(run, 'checkpoint-best.json');
    }
    return d.stop;
  }

  /** Appends a log entry to the result and to `logs.jsonl`. */
  private write(run: TrainRun, entry: LogEntry): void {
    run.log.push(entry);
    if (run.logPath !== undefined) appendFileSync(run.logPath, `${JSON.stringify(entry)}\n`);
  }

  /** Saves the run's state as `file` in `outputDir` (nothing without one). */
  private save(run: TrainRun, file: string): void {
    const o = this.options;
    if (o.outputDir === undefined) return;
    saveCheckpoint(join(o.outputDir, file), {
      ...run.state,
      ...(run.plan.plateau !== undefined ? { schedule: run.plan.plateau.state() } : {}),
      rng: this.rng.state(),
      params: o.model.params,
      optimizer: o.optimizer.stateDict(),
    });
  }
}
