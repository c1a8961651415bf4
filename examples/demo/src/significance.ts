import { MetricsError, pairedTTest } from '@nlpft/metrics';

/** A verdict on a paired difference: its mean, the paired t-test's two-sided p, and the number of pairs. */
export interface PairedVerdict {
  holds: boolean | null;
  effect: number;
  p: number | null;
  pairs: number;
}

/**
 * Supported when the mean of a − b is above zero with p < 0.05 (two-sided paired t-test over the pairs),
 * contradicted when it is below zero with p < 0.05, otherwise inconclusive. Pairs are runs that share everything
 * but the compared condition (same strategy, seed and size).
 */
export function pairedVerdict(a: readonly number[], b: readonly number[]): PairedVerdict {
  const effect = a.length === 0 ? NaN : a.reduce((s, x, i) => s + x - b[i]!, 0) / a.length;
  if (a.length < 2) return { holds: null, effect, p: null, pairs: a.length };
  try {
    const { pValue } = pairedTTest(a, b);
    return { holds: pValue < 0.05 ? effect > 0 : null, effect, p: pValue, pairs: a.length };
  } catch (error) {
    // Every pair equal: no difference at all.
    if (error instanceof MetricsError && error.code === 'UNDEFINED_RESULT')
      return { holds: null, effect, p: 1, pairs: a.length };
    throw error;
  }
}

/** `pValue` for prose: "p = 0.003", "p < 0.0001". */
export function formatP(p: number | null): string {
  if (p === null) return 'no test (fewer than 2 pairs)';
  return p < 1e-4 ? 'p < 0.0001' : `p = ${p.toPrecision(2)}`;
}
