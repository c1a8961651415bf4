import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TrainingError } from '../errors';
import type { TrainResult } from '../trainer';
import { writeFileAtomic } from '../write-file-atomic';

/** A stable hash of a JSON-serialisable value (keys sorted), naming the run a cache entry belongs to. */
export function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex')
    .slice(0, 16);
}

/** What a run folder holds: finished (`result.json`), resumable (a checkpoint of the same run) or nothing usable. */
export type RunDirState<R> =
  { kind: 'done'; result: R } | { kind: 'resume'; checkpoint: string } | { kind: 'fresh' };

/**
 * Reads a run folder written by {@link startRun} / {@link finishRun}. A folder made by a different configuration
 * (another fingerprint) is cleared, so a stale checkpoint is never resumed into the wrong model.
 * @throws {TrainingError} CACHE_CORRUPT when `result.json` is unreadable.
 */
export function inspectRunDir<R>(dir: string, print: string): RunDirState<R> {
  const marker = join(dir, 'run.json');
  if (!existsSync(marker)) return { kind: 'fresh' };
  let recorded: string | undefined;
  try {
    recorded = (JSON.parse(readFileSync(marker, 'utf8')) as { fingerprint?: string }).fingerprint;
  } catch {
    recorded = undefined;
  }
  if (recorded !== print) {
    rmSync(dir, { recursive: true, force: true });
    return { kind: 'fresh' };
  }
  const resultPath = join(dir, 'result.json');
  if (existsSync(resultPath)) {
    try {
      return { kind: 'done', result: JSON.parse(readFileSync(resultPath, 'utf8')) as R };
    } catch (cause) {
      throw new TrainingError(
        'CACHE_CORRUPT',
        `${resultPath} is not valid JSON; delete ${dir} to recompute`,
        { cause },
      );
    }
  }
  const checkpoint = join(dir, 'train', 'checkpoint-last.json');
  return existsSync(checkpoint) ? { kind: 'resume', checkpoint } : { kind: 'fresh' };
}

/** Marks a folder as belonging to the run with this fingerprint (written before any checkpoint). */
export function startRun(dir: string, print: string, description: unknown): void {
  writeFileAtomic(
    join(dir, 'run.json'),
    JSON.stringify({ fingerprint: print, description }, null, 2),
  );
}

/** Writes the result last, atomically: its presence means every other file of the run is complete. */
export function finishRun(dir: string, result: unknown): void {
  writeFileAtomic(join(dir, 'result.json'), JSON.stringify(result, null, 2));
}

/** Training-loss points of a Trainer's `logs.jsonl` (the whole run, also across resumes). */
export function readLossCurve(dir: string): { step: number; loss: number }[] {
  const path = join(dir, 'train', 'logs.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { type: string; step: number; loss?: number })
    .filter((e) => e.type === 'train' && e.loss !== undefined)
    .map((e) => ({ step: e.step, loss: e.loss! }));
}

/** What a Trainer takes from a run folder, and what the run reports from it afterwards. */
export interface RunFolderTraining {
  /** Trainer options: checkpoints in `dir/train` every `saveSteps`, resuming from the folder's checkpoint. */
  trainer: {
    outputDir?: string;
    saveSteps?: number;
    resumeFrom?: string;
    onStep: (step: number) => void;
  };
  /** The step the run resumed from (0 when fresh), once it has trained. */
  resumedFrom(result: TrainResult): number;
  /** The training-loss curve: the folder's log (across resumes) or, without a folder, this run's. */
  lossCurve(result: TrainResult): { step: number; loss: number }[];
}

/** Options of {@link beginRunFolder}. */
export interface BeginRunFolderOptions {
  /** The run folder; undefined for a run that writes nothing. */
  dir: string | undefined;
  /** The run's fingerprint and what `run.json` records of it. */
  print: string;
  description: unknown;
  /** What {@link inspectRunDir} found in the folder. */
  state: RunDirState<unknown> | undefined;
  saveSteps: number;
  onStep: ((step: number) => void) | undefined;
}

/**
 * Starts a pipeline's training: marks the folder as this run's ({@link startRun}, when there is a folder), starts
 * the clock and returns the Trainer side of the folder ({@link runFolderTraining}) with the seconds since then.
 */
export function beginRunFolder(
  options: BeginRunFolderOptions,
): RunFolderTraining & { seconds(): number } {
  const { dir } = options;
  if (dir !== undefined) startRun(dir, options.print, options.description);
  const started = Date.now();
  const folder = runFolderTraining(dir, options.state, options.saveSteps, options.onStep);
  return { ...folder, seconds: () => (Date.now() - started) / 1000 };
}

/**
 * The Trainer side of a run folder from {@link inspectRunDir}; with `dir` undefined, nothing is written and the
 * curve is the run's own log. `onStep` is passed through.
 */
export function runFolderTraining(
  dir: string | undefined,
  state: RunDirState<unknown> | undefined,
  saveSteps: number,
  onStep: ((step: number) => void) | undefined,
): RunFolderTraining {
  let firstStep: number | undefined;
  return {
    trainer: {
      ...(dir !== undefined
        ? {
            outputDir: join(dir, 'train'),
            saveSteps,
            ...(state?.kind === 'resume' ? { resumeFrom: state.checkpoint } : {}),
          }
        : {}),
      onStep: (step) => {
        firstStep ??= step;
        onStep?.(step);
      },
    },
    resumedFrom: (result) => (firstStep ?? result.steps + 1) - 1,
    lossCurve: (result) =>
      dir !== undefined
        ? readLossCurve(dir)
        : result.log.flatMap((e) => (e.type === 'train' ? [{ step: e.step, loss: e.loss }] : [])),
  };
}
