import { sumStatistics, type CorpusScore } from './corpus-statistics';
import type { Rng } from './random';

/** What {@link bootstrapResample} needs besides the systems' statistics. */
export interface ResampleOptions {
  /** Items per system (rows of each statistics array). */
  readonly n: number;
  /** Statistics per item (columns). */
  readonly dims: number;
  /** Number of resamples. */
  readonly samples: number;
  readonly rng: Rng;
}

/** Each system's score on all items, and on every resample, in the order of the systems. */
export interface ResampledScores<Systems extends readonly Float64Array[]> {
  readonly full: { [K in keyof Systems]: number };
  readonly resampled: { [K in keyof Systems]: Float64Array };
}

/**
 * The bootstrap of the resampling functions: each resample draws `n` item indices with replacement (`rng.int(n)`, `n`
 * draws per resample, in order) and scores every system on that same index set, so paired systems see the same items.
 */
export function bootstrapResample<const Systems extends readonly Float64Array[]>(
  systems: Systems,
  score: CorpusScore,
  { n, dims, samples, rng }: ResampleOptions,
): ResampledScores<Systems> {
  const all = new Int32Array(n).map((_, i) => i);
  const full = systems.map((data) => score(sumStatistics(data, dims, all)));
  const idx = new Int32Array(n);
  const totals = new Float64Array(dims);
  const resampled = systems.map(() => new Float64Array(samples));
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    systems.forEach((data, k) => {
      (resampled[k] as Float64Array)[s] = score(sumStatistics(data, dims, idx, totals));
    });
  }
  return { full, resampled } as unknown as ResampledScores<Systems>;
}
