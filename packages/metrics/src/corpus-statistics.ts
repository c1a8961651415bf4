import { MetricsError } from './errors';
import { isArray } from './labels';
import { pairwiseSum } from './numpy-sum';
import { createRng, type GeneratorKind, type Rng } from './random';

/**
 * Per-item sufficient statistics of a corpus metric: one equal-length row of numbers per item (segment,
 * example) that add up over the corpus. BLEU's n-gram matches and totals plus lengths, chrF's character
 * n-gram counts, or `[correct, 1]` for accuracy.
 */
export type ItemStatistics = readonly ArrayLike<number>[];

/** Scores a corpus from the column sums of its item statistics (e.g. `bleuFromStatistics`). */
export type CorpusScore = (totals: Float64Array) => number;

/** Checks the statistics table and returns it as one row-major Float64Array. */
export function packStatistics(
  fn: string,
  name: string,
  stats: ItemStatistics,
): { data: Float64Array; n: number; dims: number } {
  if (!isArray(stats))
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: ${name} must be an array of per-item statistics`,
    );
  const n = stats.length;
  if (n === 0)
    throw new MetricsError(
      'EMPTY_INPUT',
      `${fn}: ${name} is empty; resampling needs at least one item`,
    );
  const dims = stats[0]?.length ?? 0;
  const data = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    const row = stats[i] as ArrayLike<number>;
    if (row == null || row.length !== dims) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: ${name}[${i}] has ${row?.length ?? 'no'} statistics but ${name}[0] has ${dims}`,
      );
    }
    for (let j = 0; j < dims; j++) {
      const v = row[j] as number;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new MetricsError(
          'INVALID_INPUT',
          `${fn}: ${name}[${i}][${j}] is ${String(v)}; statistics must be finite numbers`,
        );
      }
      data[i * dims + j] = v;
    }
  }
  return { data, n, dims };
}

/** Column sums of item statistics (all items, or those in `indices`). */
export function sumStatistics(
  data: Float64Array,
  dims: number,
  indices: ArrayLike<number>,
  out = new Float64Array(dims),
): Float64Array {
  out.fill(0);
  for (let k = 0; k < indices.length; k++) {
    const base = (indices[k] as number) * dims;
    for (let j = 0; j < dims; j++) out[j] = (out[j] as number) + (data[base + j] as number);
  }
  return out;
}

/**
 * Statistics for a metric that is a mean of per-item scores (accuracy, SQuAD F1, sentence-level scores):
 * rows `[score, 1]` and a scorer `total / count`, ready for the resampling functions.
 * @throws {MetricsError} `INVALID_INPUT` when `scores` is not an array or holds a NaN, an infinity or a non-number.
 * @example const { stats, score } = meanStatistics([1, 0, 1, 1]); bootstrapConfidenceInterval(stats, score)
 */
export function meanStatistics(scores: readonly number[]): {
  stats: number[][];
  score: CorpusScore;
} {
  if (!isArray(scores))
    throw new MetricsError('INVALID_INPUT', 'meanStatistics: scores must be an array of numbers');
  scores.forEach((s, i) => {
    if (typeof s !== 'number' || !Number.isFinite(s)) {
      throw new MetricsError(
        'INVALID_INPUT',
        `meanStatistics: scores[${i}] is ${String(s)}; every score must be a finite number`,
      );
    }
  });
  return { stats: scores.map((s) => [s, 1]), score: (t) => (t[0] as number) / (t[1] as number) };
}

export function checkCount(fn: string, name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: ${name} is ${String(value)}; use a positive integer`,
    );
  }
  return value;
}

/** sacrebleu's `estimate_ci` generalised to any confidence: the sorted resample scores' mean and percentile bounds. */
export function estimateInterval(
  scores: Float64Array,
  confidence: number,
): { mean: number; lower: number; upper: number; halfWidth: number } {
  const sorted = Float64Array.from(scores).sort();
  const n = sorted.length;
  // For 95 %: lower index n // 40, upper index n − lower − 1, exactly as sacrebleu.
  const lowerIdx = Math.floor((n * (1 - confidence)) / 2 + 1e-9);
  const upperIdx = n - lowerIdx - 1;
  const lower = sorted[lowerIdx] as number;
  const upper = sorted[upperIdx] as number;
  // numpy's mean of the sorted scores (pairwise summation), as sacrebleu's `scores.mean()`.
  return { mean: pairwiseSum(sorted) / n, lower, upper, halfWidth: 0.5 * (upper - lower) };
}

export function checkConfidence(fn: string, confidence: number): number {
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: confidence is ${String(confidence)}; use a number between 0 and 1, e.g. 0.95`,
    );
  }
  return confidence;
}

/** The resampling generator for a `seed`/`generator` option pair, checked. */
export function createSeededRng(
  fn: string,
  seed: number | undefined,
  generator: GeneratorKind | undefined,
): Rng {
  const s = seed ?? 12345;
  const kind = generator ?? 'numpy';
  if (kind !== 'numpy' && kind !== 'xoshiro128') {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: generator is ${JSON.stringify(kind)}; use 'numpy' or 'xoshiro128'`,
    );
  }
  if (!Number.isSafeInteger(s) || s < 0) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: seed is ${String(s)}; use a non-negative integer`,
    );
  }
  return createRng(s, kind);
}
