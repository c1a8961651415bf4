import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint } from './checkpoint';
import type { Checkpoint } from './checkpoint';
import { TrainingError } from './errors';
import type { Optimizer } from './optimizer';
import type { PlateauSchedule, PlateauState } from './schedules';
import { SeededRng } from './seeded-rng';
import type { Params } from './types';
import { writeFileAtomic } from './write-file-atomic';

/** What {@link resumeFromCheckpoint} restores into. */
export interface ResumeTarget {
  readonly params: Params;
  readonly names: readonly string[];
  readonly optimizer: Optimizer;
  readonly rng: SeededRng;
  readonly plateau: PlateauSchedule | undefined;
}

/**
 * Loads `file` into the model, optimizer, random source and plateau schedule, and returns the run state to continue
 * from (its `params` are the model's own arrays).
 * @throws {TrainingError} CHECKPOINT_CORRUPT on a missing or wrong-sized parameter or a bad rng state; nothing is
 *   written before everything is checked, so a bad file never leaves a half-loaded model.
 */
export function resumeFromCheckpoint(file: string, target: ResumeTarget): Checkpoint {
  const c = loadCheckpoint(file);
  for (const n of target.names) {
    const src = c.params[n];
    if (src === undefined || src.length !== target.params[n]!.length) {
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
  target.optimizer.loadStateDict(c.optimizer);
  for (const n of target.names) target.params[n]!.set(c.params[n]!);
  target.rng.setState(c.rng);
  if (target.plateau !== undefined && c.schedule !== undefined)
    target.plateau.setState(c.schedule as PlateauState);
  return { ...c, params: target.params };
}

/**
 * Drops the lines of `logs.jsonl` written after `step` (by the interrupted run), so the log of a resumed run matches
 * an uninterrupted one.
 */
export function truncateLogAfter(logPath: string, step: number): void {
  if (!existsSync(logPath)) return;
  const kept = readFileSync(logPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && (JSON.parse(l) as { step: number }).step <= step);
  writeFileAtomic(logPath, kept.map((l) => `${l}\n`).join(''));
}

/** The parameters of `checkpoint-best.json` in `dir` when it has every one of `names`, else null. */
export function tryLoadBest(dir: string, names: readonly string[]): Params | null {
  try {
    const c = loadCheckpoint(join(dir, 'checkpoint-best.json'));
    return names.every((n) => c.params[n] !== undefined) ? c.params : null;
  } catch {
    return null;
  }
}
