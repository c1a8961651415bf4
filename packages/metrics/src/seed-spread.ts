import { MetricsError } from './errors';
import { isArray } from './labels';
import { pairwiseSum } from './numpy-sum';

export interface SeedSpreadOptions {
  /**
   * Runs that do not beat this score (`score ≤ threshold`) count as failed: Mosbach et al. 2021's failed run,
   * one that fails to beat the majority-class baseline. @defaultValue none fail
   */
  threshold?: number;
  /** Delta degrees of freedom of `std`: 1 is the sample standard deviation, 0 numpy's default. @defaultValue 1 */
  ddof?: number;
}

/** Spread of one metric over fine-tuning runs that differ only in their random seed. */
export interface SeedSpread {
  runs: number;
  mean: number;
  /** Standard deviation with `ddof`; `null` when there are no more runs than `ddof` (one run at the default). */
  std: number | null;
  min: number;
  max: number;
  median: number;
  /** Indices of the runs at or below `threshold`. */
  failedRuns: number[];
  /** Mean and std of the runs that did not fail: `null` when all failed (std: when too few passed, as `std`). */
  meanPassed: number | null;
  stdPassed: number | null;
}

/**
 * Mean and std of `values`. numpy gives NaN (with a RuntimeWarning) for the mean of nothing and for a std with
 * `n ≤ ddof`; those are `null` here, so one seed still reports its score and a NaN is never returned.
 */
function spread(
  values: readonly number[],
  ddof: number,
): { mean: number | null; std: number | null } {
  const n = values.length;
  if (n === 0) return { mean: null, std: null };
  const mean = pairwiseSum(values) / n;
  const sq = values.map((v) => (v - mean) ** 2);
  return { mean, std: n - ddof > 0 ? Math.sqrt(pairwiseSum(sq) / (n - ddof)) : null };
}

/**
 * Summary of a metric over seeds, for fine-tuning instability reports (Dodge et al. 2020; Mosbach et al.
 * 2021): mean, standard deviation, min, max, median, and the failed runs under a threshold with the
 * statistics of the rest.
 * @throws {MetricsError} `EMPTY_INPUT` for no runs; `INVALID_INPUT` for a non-finite score; `INVALID_OPTION`
 *   for a bad ddof.
 * @example seedSpread([0.91, 0.90, 0.52, 0.92], { threshold: 0.6 })
 * // { runs: 4, mean: 0.8125, std: 0.19…, min: 0.52, max: 0.92, median: 0.905, failedRuns: [2], meanPassed: 0.91, … }
 * @see https://arxiv.org/abs/2006.04884
 */
export function seedSpread(scores: readonly number[], options: SeedSpreadOptions = {}): SeedSpread {
  const fn = 'seedSpread';
  if (!isArray(scores))
    throw new MetricsError('INVALID_INPUT', `${fn}: scores must be an array of numbers`);
  if (scores.length === 0)
    throw new MetricsError('EMPTY_INPUT', `${fn}: scores is empty; pass one score per run`);
  scores.forEach((s, i) => {
    if (typeof s !== 'number' || !Number.isFinite(s)) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: scores[${i}] is ${String(s)}; a run's score must be finite`,
      );
    }
  });
  const { ddof = 1, threshold } = options;
  if (!Number.isInteger(ddof) || ddof < 0) {
    throw new MetricsError('INVALID_OPTION', `${fn}: ddof is ${String(ddof)}; use 0 or 1`);
  }
  const sorted = [...scores].sort((a, b) => a - b);
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  const median =
    n % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const failedRuns: number[] = [];
  const passed: number[] = [];
  scores.forEach((s, i) => {
    if (threshold !== undefined && s <= threshold) failedRuns.push(i);
    else passed.push(s);
  });
  const all = spread(scores, ddof);
  const ok = spread(passed, ddof);
  return {
    runs: n,
    mean: all.mean as number, // n ≥ 1 here
    std: all.std,
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    median,
    failedRuns,
    meanPassed: ok.mean,
    stdPassed: ok.std,
  };
}
