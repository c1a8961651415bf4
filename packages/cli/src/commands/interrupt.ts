import { resolve } from 'node:path';
import type { CliIo } from '../cli/types';
import type { TrainingProgress } from './training-progress';

/** The exit code of a command stopped by Ctrl-C: 128 + SIGINT's number, as a shell reports it. */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * Runs `run` with an AbortSignal that the first Ctrl-C (SIGINT) aborts, after calling `onInterrupt` (to say what
 * happens next). The listener is a `once`: a second Ctrl-C finds no listener and ends the process as usual. It is
 * removed when `run` settles.
 */
export async function withInterrupt<T>(
  run: (signal: AbortSignal) => Promise<T>,
  onInterrupt: () => void,
): Promise<T> {
  const controller = new AbortController();
  const listener = (): void => {
    onInterrupt();
    controller.abort();
  };
  process.once('SIGINT', listener);
  try {
    return await run(controller.signal);
  } finally {
    process.removeListener('SIGINT', listener);
  }
}

/** Whether an error is the Trainer's `TrainingError` INTERRUPTED (checked by name and code, as two copies may load). */
export function isInterrupted(error: unknown): boolean {
  return (
    error instanceof Error &&
    error.name === 'TrainingError' &&
    (error as { code?: unknown }).code === 'INTERRUPTED'
  );
}

/**
 * What the first Ctrl-C prints: that the run stops after this step (`saving a checkpoint` when it keeps one) and
 * that a second Ctrl-C quits at once. On a terminal it starts a new line, below the progress bar.
 */
export function interruptNotice(io: CliIo, prog: string, checkpoint: boolean): () => void {
  return () =>
    io.stderr.write(
      `${io.stderr.isTTY === true ? '\n' : ''}${prog}: Ctrl-C: ${checkpoint ? 'saving a checkpoint' : 'stopping'} after this step (press Ctrl-C again to quit at once)\n`,
    );
}

/**
 * After a pre-training run stopped by Ctrl-C: says where its checkpoint is and how to resume, and gives the exit
 * code to return.
 */
export function resumeHint(
  io: CliIo,
  prog: string,
  at: { step: number; steps: number; checkpointDir: string },
): number {
  io.stderr.write(
    `${prog}: interrupted after step ${at.step} of ${at.steps}; the checkpoint is in ${at.checkpointDir}. ` +
      'Run the same command again to resume from there.\n',
  );
  return INTERRUPTED_EXIT_CODE;
}

/** What a pipeline run by {@link runResumable} is given: the Ctrl-C signal and the progress callbacks. */
export interface ResumableHooks {
  signal: AbortSignal;
  onStep: TrainingProgress['onStep'];
  onProgress: TrainingProgress['onProgress'];
}

/** Options of {@link runResumable}. */
export interface RunResumableOptions<T> {
  prog: string;
  progress: TrainingProgress;
  /** The run's optimizer steps, for the hint. */
  steps: number;
  /** The pipeline's run folder; its checkpoints are under `train/`. */
  outputDir: string;
  run: (hooks: ResumableHooks) => Promise<T>;
}

/**
 * Runs a checkpointing pipeline (pre-training) with Ctrl-C handling and its progress report, ending the report
 * either way. After a Ctrl-C it prints {@link resumeHint} and gives the exit code instead of a result.
 */
export async function runResumable<T>(
  io: CliIo,
  options: RunResumableOptions<T>,
): Promise<{ result: T } | { exitCode: number }> {
  const { prog, progress } = options;
  let result: T;
  try {
    result = await withInterrupt(
      (signal) => options.run({ signal, onStep: progress.onStep, onProgress: progress.onProgress }),
      interruptNotice(io, prog, true),
    );
  } catch (error) {
    progress.done();
    if (!isInterrupted(error)) throw error;
    const exitCode = resumeHint(io, prog, {
      step: progress.step,
      steps: options.steps,
      checkpointDir: resolve(options.outputDir, 'train'),
    });
    return { exitCode };
  }
  progress.done();
  return { result };
}
