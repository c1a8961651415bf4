import type { CommonTrainerOptions, TrainingProgress } from './types';

/**
 * Throttled progress events of the tokenizer trainers, phase by phase: calls `onProgress` and, with `showProgress`,
 * prints one line per report to stderr. The ETA is a linear extrapolation of the current phase's rate.
 *
 * Not a drawing reporter: bars and ETA lines are `ProgressReporter` in @nlpft/cli. This package stays
 * dependency-free, so its `showProgress` keeps this one plain line of its own.
 */
export class PhaseProgress {
  private readonly start = Date.now();
  private phaseStart = Date.now();
  private lastReport = 0;
  private phase: TrainingProgress['phase'] = 'read';
  private readonly intervalMs: number;
  private readonly sinks: ((p: TrainingProgress) => void)[] = [];

  constructor(options: CommonTrainerOptions) {
    this.intervalMs = options.progressIntervalMs ?? 500;
    if (options.onProgress) this.sinks.push(options.onProgress);
    if (options.showProgress === true) this.sinks.push(printProgress);
  }

  /** Whether anybody listens; trainers skip bookkeeping when nobody does. */
  get enabled(): boolean {
    return this.sinks.length > 0;
  }

  /** Starts a new phase and reports it at 0. */
  begin(phase: TrainingProgress['phase'], total: number | undefined): void {
    this.phase = phase;
    this.phaseStart = Date.now();
    this.emit(0, total);
  }

  /** Reports `done` units if the throttle interval has passed. */
  tick(done: number, total: number | undefined): void {
    if (this.sinks.length === 0) return;
    const now = Date.now();
    if (now - this.lastReport < this.intervalMs) return;
    this.emit(done, total);
  }

  /** Reports, once, that training is over. */
  finish(): void {
    this.phase = 'done';
    this.phaseStart = Date.now();
    this.emit(1, 1);
  }

  /** Reports the end of the current phase unconditionally. */
  end(done: number, total: number | undefined = done): void {
    this.emit(done, total);
  }

  private emit(done: number, total: number | undefined): void {
    if (this.sinks.length === 0) return;
    const now = Date.now();
    this.lastReport = now;
    const spent = now - this.phaseStart;
    const etaMs =
      total !== undefined && done > 0 && done <= total
        ? Math.round((spent / done) * (total - done))
        : undefined;
    const progress: TrainingProgress = {
      phase: this.phase,
      done,
      total,
      elapsedMs: now - this.start,
      etaMs,
    };
    for (const sink of this.sinks) sink(progress);
  }
}

function printProgress(p: TrainingProgress): void {
  const of = p.total === undefined ? '' : `/${p.total}`;
  const eta = p.etaMs === undefined ? '' : ` eta ${(p.etaMs / 1000).toFixed(1)}s`;
  console.error(`[${(p.elapsedMs / 1000).toFixed(1)}s] ${p.phase} ${p.done}${of}${eta}`);
}
