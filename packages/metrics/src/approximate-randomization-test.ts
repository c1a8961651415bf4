import { bootstrapConfidenceInterval } from './bootstrap-confidence-interval';
import {
  checkCount,
  createSeededRng,
  sumStatistics,
  type CorpusScore,
  type ItemStatistics,
} from './corpus-statistics';
import {
  checkPair,
  type SignificanceOptions,
  type SignificanceResult,
} from './paired-bootstrap-test';

/**
 * Paired approximate randomization test (Riezler & Maxwell 2005), as sacrebleu's `--paired-ar`: each
 * shuffle swaps every item's outputs between the two systems with probability ½ and re-scores both
 * pseudo-systems; the p-value is the share of shuffles whose |difference| reaches the observed one
 * (ties count, so a system compared with itself gets p = 1). Intervals come from a bootstrap with the
 * same seed and 1000 resamples.
 * @throws {MetricsError} `LENGTH_MISMATCH` when the systems have different items; `EMPTY_INPUT`,
 *   `INVALID_INPUT`, `INVALID_OPTION` as {@link bootstrapConfidenceInterval}.
 * @example approximateRandomizationTest(baselineStats, systemStats, bleuScoreFromStats, { samples: 10000 }).pValue
 * @see https://aclanthology.org/W05-0908/
 */
export function approximateRandomizationTest(
  baseline: ItemStatistics,
  system: ItemStatistics,
  score: CorpusScore,
  options: SignificanceOptions = {},
): SignificanceResult {
  const fn = 'approximateRandomizationTest';
  const samples = checkCount(fn, 'samples', options.samples ?? 10000);
  const { a, b } = checkPair(fn, baseline, system);
  const { n, dims } = a;
  const all = new Int32Array(n).map((_, i) => i);
  const blTotals = sumStatistics(a.data, dims, all);
  const sysTotals = sumStatistics(b.data, dims, all);
  const blScore = score(Float64Array.from(blTotals));
  const sysScore = score(Float64Array.from(sysTotals));
  const observed = Math.abs(sysScore - blScore);
  // Swapping item i moves (baseline_i − system_i) from one pseudo-system to the other.
  const delta = new Float64Array(n * dims);
  for (let k = 0; k < delta.length; k++) delta[k] = (a.data[k] as number) - (b.data[k] as number);
  // sacrebleu draws the whole swap mask first: integers(2, size=(samples, items), dtype=bool).
  const rng = createSeededRng(fn, options.seed, options.generator);
  const shuffledA = new Float64Array(dims);
  const shuffledB = new Float64Array(dims);
  let extreme = 0;
  for (let s = 0; s < samples; s++) {
    shuffledA.set(sysTotals);
    shuffledB.set(blTotals);
    for (let i = 0; i < n; i++) {
      if (rng.bit() === 1) {
        const base = i * dims;
        for (let j = 0; j < dims; j++) {
          const d = delta[base + j] as number;
          shuffledA[j] = (shuffledA[j] as number) + d;
          shuffledB[j] = (shuffledB[j] as number) - d;
        }
      }
    }
    if (Math.abs(score(shuffledA) - score(shuffledB)) >= observed) extreme++;
  }
  const ci = {
    samples: 1000,
    seed: options.seed ?? 12345,
    generator: options.generator,
    confidence: options.confidence ?? 0.95,
  };
  return {
    baseline: bootstrapConfidenceInterval(baseline, score, ci),
    system: bootstrapConfidenceInterval(system, score, ci),
    difference: sysScore - blScore,
    pValue: (extreme + 1) / (samples + 1),
  };
}
