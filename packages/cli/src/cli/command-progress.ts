import { ProgressReporter } from './progress';
import type { CliIo } from './types';

/** What a command calls on its progress: a {@link ProgressReporter}, or nothing when progress is off. */
export interface Progress {
  tick(n?: number, extra?: string): void;
  done(extra?: string): void;
}

/** Off a terminal, jobs smaller than this print no progress lines (they would only clutter logs). */
export const PROGRESS_MIN_ITEMS = 1000;

const SILENT: Progress = { tick: () => {}, done: () => {} };

/**
 * Progress on `io.stderr` for a command's main loop: always on a terminal, off it only for `total` ≥
 * {@link PROGRESS_MIN_ITEMS}; never with `quiet`.
 */
export function commandProgress(io: CliIo, total: number, label: string, quiet: boolean): Progress {
  if (quiet || (io.stderr.isTTY !== true && total < PROGRESS_MIN_ITEMS)) return SILENT;
  return new ProgressReporter({ total, label, stream: io.stderr });
}
