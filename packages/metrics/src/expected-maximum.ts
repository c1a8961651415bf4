import { MetricsError } from './errors';
import { checkOptionsObject, describeType } from './input-checks';
import { isArray } from './labels';

/** Options of {@link expectedMaximum}. */
export interface ExpectedMaximumOptions {
  /** Numbers of trials n to report. @defaultValue 1, 2, …, scores.length */
  budgets?: readonly number[];
}

/** Expected best score of n trials. */
export interface ExpectedMaximum {
  n: number;
  /** E[max of n draws]. */
  mean: number;
  /** Variance of the max of n draws. */
  variance: number;
  /** √variance, the shaded band of Dodge et al.'s plots. */
  std: number;
}

/**
 * Expected validation performance (Dodge et al. 2019, "Show Your Work", eq. 1): the expected maximum of n
 * scores drawn with replacement from the observed ones, E[max] = Σᵢ v₍ᵢ₎ · (F(v₍ᵢ₎)ⁿ − F(v₍ᵢ₋₁₎)ⁿ) with the
 * empirical CDF F, plus its variance. Report it as a curve over n to compare recipes at equal tuning budgets.
 * @throws {MetricsError} `EMPTY_INPUT` for no scores; `INVALID_INPUT` for a non-finite score; `INVALID_OPTION`
 *   when `budgets` is not an array of integers ≥ 1.
 * @example expectedMaximum([0.81, 0.79, 0.9, 0.85, 0.52], { budgets: [1, 2] }).map((e) => e.mean) // [0.774, 0.8396]
 * @see https://arxiv.org/abs/1909.03004
 */
export function expectedMaximum(
  scores: readonly number[],
  options: ExpectedMaximumOptions = {},
): ExpectedMaximum[] {
  const fn = 'expectedMaximum';
  checkOptionsObject(fn, options);
  if (!isArray(scores))
    throw new MetricsError('INVALID_INPUT', `${fn}: scores must be an array of numbers`);
  if (scores.length === 0)
    throw new MetricsError('EMPTY_INPUT', `${fn}: scores is empty; pass one score per trial`);
  scores.forEach((s, i) => {
    if (typeof s !== 'number' || !Number.isFinite(s))
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: scores[${i}] is ${String(s)}; scores must be finite`,
      );
  });
  const N = scores.length;
  const budgets = options.budgets ?? Array.from({ length: N }, (_, i) => i + 1);
  if (!isArray(budgets)) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: budgets must be an array of trial counts, got ${describeType(budgets)}; e.g. { budgets: [1, 5, 10] }`,
    );
  }
  budgets.forEach((n, i) => {
    if (!(Number.isInteger(n) && n >= 1))
      throw new MetricsError(
        'INVALID_OPTION',
        `${fn}: budgets[${i}] is ${String(n)}; a budget is a number of trials ≥ 1`,
      );
  });
  const sorted = [...scores].sort((a, b) => a - b);
  return budgets.map((n) => {
    // P(max = v₍ᵢ₎) = (i/N)ⁿ − ((i−1)/N)ⁿ; tied values share their mass, so ties need no special case.
    const w = sorted.map((_, i) => ((i + 1) / N) ** n - (i / N) ** n);
    let mean = 0;
    for (let i = 0; i < N; i++) mean += sorted[i]! * w[i]!;
    let variance = 0;
    for (let i = 0; i < N; i++) variance += w[i]! * (sorted[i]! - mean) ** 2;
    return { n, mean, variance, std: Math.sqrt(variance) };
  });
}
