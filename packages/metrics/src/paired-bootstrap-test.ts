import { MetricsError } from './errors';
import type { ConfidenceInterval } from './bootstrap-confidence-interval';
import {
  checkConfidence,
  checkCount,
  createSeededRng,
  estimateInterval,
  packStatistics,
  type CorpusScore,
  type ItemStatistics,
} from './corpus-statistics';
import { bootstrapResample } from './bootstrap-resample';
import { pairwiseSum } from './numpy-sum';
import type { GeneratorKind } from './random';

export interface SignificanceOptions {
  /** Resamples (paired bootstrap) or shuffles (approximate randomization). @defaultValue 1000 / 10000, as sacrebleu */
  samples?: number;
  /** Seed (a non-negative integer); the same seed gives the same p-value. @defaultValue 12345 */
  seed?: number;
  /** `'numpy'` draws what numpy's `default_rng(seed)` draws for sacrebleu; `'xoshiro128'` is faster. @defaultValue 'numpy' */
  generator?: GeneratorKind;
  /** Coverage of the reported intervals. @defaultValue 0.95 */
  confidence?: number;
}

/** Outcome of a paired significance test of `system` against `baseline`. */
export interface SignificanceResult {
  baseline: ConfidenceInterval;
  system: ConfidenceInterval;
  /** system score − baseline score on the full corpus. */
  difference: number;
  /**
   * Probability of a difference at least this large if both systems were equally good:
   * (#{null statistic ≥ observed} + 1) / (samples + 1).
   */
  pValue: number;
}

type Packed = ReturnType<typeof packStatistics>;

export function checkPair(
  fn: string,
  baseline: ItemStatistics,
  system: ItemStatistics,
): { a: Packed; b: Packed } {
  const a = packStatistics(fn, 'baseline', baseline);
  const b = packStatistics(fn, 'system', system);
  if (a.n !== b.n || a.dims !== b.dims) {
    throw new MetricsError(
      'LENGTH_MISMATCH',
      `${fn}: baseline has ${a.n} items × ${a.dims} statistics but system has ${b.n} × ${b.dims}; both systems must score the same items`,
    );
  }
  return { a, b };
}

/**
 * Paired bootstrap resampling test (Koehn 2004), as sacrebleu's `--paired-bs`: the same resampled item
 * sets score both systems; the p-value compares the observed |difference| with the centred resampled
 * |differences|. Counts ties as extreme (≥), so a system compared with itself gets p = 1 (sacrebleu's `>`
 * gives 1/(samples+1) there).
 * @throws {MetricsError} `LENGTH_MISMATCH` when the systems have different items; `EMPTY_INPUT`,
 *   `INVALID_INPUT`, `INVALID_OPTION` as {@link bootstrapConfidenceInterval}.
 * @example pairedBootstrapTest(baselineStats, systemStats, bleuScoreFromStats).pValue
 * @see https://aclanthology.org/W04-3250/
 */
export function pairedBootstrapTest(
  baseline: ItemStatistics,
  system: ItemStatistics,
  score: CorpusScore,
  options: SignificanceOptions = {},
): SignificanceResult {
  const fn = 'pairedBootstrapTest';
  const samples = checkCount(fn, 'samples', options.samples ?? 1000);
  const confidence = checkConfidence(fn, options.confidence ?? 0.95);
  const { a, b } = checkPair(fn, baseline, system);
  const { n, dims } = a;
  const rng = createSeededRng(fn, options.seed, options.generator);
  const {
    full: [blScore, sysScore],
    resampled: [blScores, sysScores],
  } = bootstrapResample([a.data, b.data], score, { n, dims, samples, rng });
  const observed = Math.abs(sysScore - blScore);
  const diffs = sysScores.map((x, s) => Math.abs(x - (blScores[s] as number)));
  const meanDiff = pairwiseSum(diffs) / samples;
  let extreme = 0;
  // The resampled differences, centred on 0, stand for the null hypothesis of equal systems.
  for (const d of diffs) if (d - meanDiff >= observed) extreme++;
  return {
    baseline: { score: blScore, ...estimateInterval(blScores, confidence), samples },
    system: { score: sysScore, ...estimateInterval(sysScores, confidence), samples },
    difference: sysScore - blScore,
    pValue: (extreme + 1) / (samples + 1),
  };
}
