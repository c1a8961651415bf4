import { ProgressReporter } from '../cli/progress';
import type { ProgressEvent } from '../cli/progress';
import type { CliIo } from '../cli/types';

/** The callbacks a pipeline takes, wired to a progress report on standard error. */
export interface TrainingProgress {
  /** For the pipeline's `onStep`. */
  readonly onStep: (step: number) => void;
  /** For the pipeline's `onProgress`: keeps the Trainer's latest logged loss for the line. */
  readonly onProgress: (progress: ProgressEvent) => void;
  /** Ends the report (also after an interruption). */
  readonly done: () => void;
  /** The last step seen (0 before the first). */
  readonly step: number;
  /** The step the run resumed from: the first step seen − 1 (0 before the first step or for a fresh run). */
  readonly resumedFrom: number;
}

/**
 * Progress of a training run of `totalSteps` optimizer steps: a bar on a terminal, a line each 10 % or 5 s
 * elsewhere, with the latest logged loss; nothing with `quiet`. The report starts at the first step, so a resumed
 * run's rate and ETA count only the steps it runs.
 */
export function trainingProgress(
  io: CliIo,
  label: string,
  totalSteps: number,
  quiet: boolean,
): TrainingProgress {
  let reporter: ProgressReporter | undefined;
  let loss: string | undefined;
  let step = 0;
  let first: number | undefined;
  return {
    onStep: (s) => {
      first ??= s;
      if (!quiet && reporter === undefined) {
        const resumed = s > 1 ? ` (resumed after step ${s - 1})` : '';
        reporter = new ProgressReporter({
          total: totalSteps - s + 1,
          label: `${label}${resumed}`,
          stream: io.stderr,
        });
      }
      reporter?.tick(1, loss === undefined ? undefined : `loss ${loss}`);
      step = s;
    },
    onProgress: (p) => {
      // Four decimals, as the Trainer's progress line printed them before it sent events.
      loss = p.loss?.toFixed(4) ?? loss;
    },
    done: () => {
      reporter?.done(loss === undefined ? undefined : `loss ${loss}`);
    },
    get step() {
      return step;
    },
    get resumedFrom() {
      return first === undefined ? 0 : first - 1;
    },
  };
}
