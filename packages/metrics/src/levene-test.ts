import { MetricsError } from './errors';
import { fSurvival } from './f-distribution';
import { isArray } from './labels';
import { pairwiseSum } from './numpy-sum';
import { checkOptionsObject } from './input-checks';

/** Options of {@link leveneTest}. */
export interface LeveneOptions {
  /**
   * Centre each group's absolute deviations on its median (Brown–Forsythe, robust to skew), mean (Levene's
   * original) or trimmed mean.
   * @defaultValue 'median'
   */
  center?: 'median' | 'mean' | 'trimmed';
  /** With `center: 'trimmed'`, the fraction cut from each end of each sorted group. @defaultValue 0.05 */
  proportionToCut?: number;
}

/** What {@link leveneTest} returns. */
export interface LeveneResult {
  /** The W statistic (an F statistic on the absolute deviations). */
  statistic: number;
  /** P(F(k − 1, N − k) ≥ W): small values say the groups' variances differ. */
  pValue: number;
  /** Degrees of freedom (k − 1, N − k). */
  df: [number, number];
}

const mean = (v: readonly number[]) => pairwiseSum(v) / v.length;

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Levene's test that several groups have equal variances, as `scipy.stats.levene`: W = (N − k)/(k − 1) ·
 * Σ nᵢ(Z̄ᵢ − Z̄)² / ΣΣ (Zᵢⱼ − Z̄ᵢ)² with Zᵢⱼ = |Yᵢⱼ − centreᵢ|, p-value from the F(k − 1, N − k) survival
 * function. Use it to ask whether one recipe's seed-to-seed spread differs from another's (Dodge et al. 2020).
 * @throws {MetricsError} `INVALID_INPUT` for fewer than two groups, an empty group, a non-finite value, or groups
 *   with no spread at all (W would be 0/0); `INVALID_OPTION` for an unknown center or a cut outside [0, 0.5).
 * @example leveneTest([[0.91, 0.90, 0.92], [0.91, 0.52, 0.88]]).pValue
 * @see https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.levene.html
 */
export function leveneTest(
  samples: readonly (readonly number[])[],
  options: LeveneOptions = {},
): LeveneResult {
  const fn = 'leveneTest';
  checkOptionsObject(fn, options);
  const { center = 'median', proportionToCut = 0.05 } = options;
  if (center !== 'median' && center !== 'mean' && center !== 'trimmed')
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: center is ${JSON.stringify(center)}; use 'median', 'mean' or 'trimmed'`,
    );
  if (!(proportionToCut >= 0 && proportionToCut < 0.5))
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: proportionToCut is ${String(proportionToCut)}; use a fraction in [0, 0.5)`,
    );
  if (!isArray(samples) || samples.length < 2)
    throw new MetricsError('INVALID_INPUT', `${fn}: pass at least two groups of values`);
  let groups = samples.map((g, i) => {
    if (!isArray(g) || g.length === 0)
      throw new MetricsError('INVALID_INPUT', `${fn}: samples[${i}] must be a non-empty array`);
    g.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new MetricsError(
          'INVALID_INPUT',
          `${fn}: samples[${i}][${j}] is ${String(v)}; values must be finite`,
        );
    });
    return [...g].sort((a, b) => a - b);
  });
  // scipy trims the samples themselves (trimboth cuts ⌊p·n⌋ from each end), so N and nᵢ shrink too.
  if (center === 'trimmed')
    groups = groups.map((g) => {
      const cut = Math.floor(proportionToCut * g.length);
      return g.slice(cut, g.length - cut);
    });
  const k = groups.length;
  const sizes = groups.map((g) => g.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total <= k)
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: ${total} values in ${k} groups leave no degrees of freedom; pass more values`,
    );
  const z = groups.map((g) => {
    const c = center === 'median' ? median(g) : mean(g);
    return g.map((v) => Math.abs(v - c));
  });
  const zBar = z.map(mean);
  const grand = pairwiseSum(zBar.map((m, i) => m * sizes[i]!)) / total;
  const between = pairwiseSum(zBar.map((m, i) => sizes[i]! * (m - grand) ** 2));
  let within = 0;
  z.forEach((zi, i) => (within += pairwiseSum(zi.map((v) => (v - zBar[i]!) ** 2))));
  if (within === 0)
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: no group has any spread around its ${center}; W is undefined (0/0)`,
    );
  const statistic = ((total - k) * between) / ((k - 1) * within);
  return { statistic, pValue: fSurvival(statistic, k - 1, total - k), df: [k - 1, total - k] };
}
