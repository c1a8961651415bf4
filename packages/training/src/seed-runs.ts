import { seedSpread } from '@nlpft/metrics';
import type { SeedSpread } from '@nlpft/metrics';
import { TrainingError } from './errors';

/** A training recipe: trains from scratch with `seed` and returns held-out metrics. */
export type Recipe<C = undefined> = (
  seed: number,
  config: C,
) => Record<string, number> | Promise<Record<string, number>>;

/** Options of {@link runSeeds}. */
export interface RunSeedsOptions {
  /** Metric to summarise. Required. */
  metric: string;
  /**
   * Majority-class score of the evaluation set: a run scoring no better than this (≤ baseline + margin) failed,
   * as Mosbach et al. (2021) define failed fine-tuning runs. Default: no run fails.
   */
  majorityBaseline?: number;
  /**
   * Added to the baseline when deciding failure.
   * @defaultValue 0
   */
  failureMargin?: number;
  /** Called after each run (progress). */
  onRun?: (run: SeedRun) => void;
}

/** One seed's outcome. */
export interface SeedRun {
  seed: number;
  metrics: Record<string, number>;
  failed: boolean;
}

/** What {@link runSeeds} returns. */
export interface SeedReport {
  metric: string;
  runs: SeedRun[];
  /**
   * Mean, sample std, min, max, median of the metric over all runs (@nlpft/metrics `seedSpread`), with
   * `failedRuns` (indices into `runs`), `meanPassed` and `stdPassed` from the same failure rule as `failedSeeds`.
   */
  summary: SeedSpread;
  /** Seeds of the failed runs, in run order: `summary.failedRuns` mapped to their seeds. */
  failedSeeds: number[];
}

/**
 * Runs a recipe once per seed, in order, and reports per-seed metrics, mean/std/min/max and the failed runs.
 * `meanPassed` / `stdPassed` are null when every run failed (and `stdPassed` when only one passed).
 * @throws {TrainingError} INVALID_OPTION for no seeds or a recipe that does not return `metric`.
 * @example const report = await runSeeds((seed) => trainAndEval(seed), [1, 2, 3], { metric: 'accuracy', majorityBaseline: 0.55 });
 */
export async function runSeeds(
  recipe: Recipe,
  seeds: readonly number[],
  options: RunSeedsOptions,
): Promise<SeedReport> {
  if (seeds.length === 0)
    throw new TrainingError('INVALID_OPTION', 'runSeeds needs at least one seed');
  const runs: SeedRun[] = [];
  // One failure rule for every field (Mosbach et al. 2021: no better than the majority baseline, i.e.
  // ≤ baseline + margin), the one seedSpread's `threshold` applies.
  const threshold =
    options.majorityBaseline !== undefined
      ? options.majorityBaseline + (options.failureMargin ?? 0)
      : undefined;
  for (const seed of seeds) {
    const metrics = await recipe(seed, undefined);
    const value = metrics[options.metric];
    if (value === undefined)
      throw new TrainingError(
        'INVALID_OPTION',
        `recipe for seed ${seed} returned no '${options.metric}'`,
      );
    const run = { seed, metrics, failed: threshold !== undefined && value <= threshold };
    runs.push(run);
    options.onRun?.(run);
  }
  const summary = seedSpread(
    runs.map((r) => r.metrics[options.metric]!),
    threshold !== undefined ? { threshold } : {},
  );
  return {
    metric: options.metric,
    runs,
    summary,
    failedSeeds: summary.failedRuns.map((i) => runs[i]!.seed),
  };
}
