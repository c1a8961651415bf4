import { MetricsError } from './errors';

/**
 * Wilson score interval of a binomial proportion: where the true accuracy of `n` independent items lies,
 * given the observed share `p`. Unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and works at p = 0 or 1.
 * statsmodels' `proportion_confint(p·n, n, method='wilson')` gives the same bounds.
 * @param z the normal quantile; 1.959964 gives a 95% interval.
 * @throws {MetricsError} `EMPTY_INPUT` for n = 0; `INVALID_INPUT` for p outside [0, 1], n not a positive
 *   integer or z not a positive finite number.
 * @example wilsonInterval(0.5, 100) // [0.40383, 0.59617]
 * @see https://en.wikipedia.org/wiki/Binomial_proportion_confidence_interval#Wilson_score_interval
 */
export function wilsonInterval(p: number, n: number, z = 1.959964): [number, number] {
  if (n === 0) throw new MetricsError('EMPTY_INPUT', 'wilsonInterval: n is 0 (no items)');
  if (!Number.isInteger(n) || n < 0)
    throw new MetricsError(
      'INVALID_INPUT',
      `wilsonInterval: n must be a positive integer, got ${n}`,
    );
  if (!(p >= 0 && p <= 1))
    throw new MetricsError('INVALID_INPUT', `wilsonInterval: p must be in [0, 1], got ${p}`);
  if (!(z > 0 && Number.isFinite(z)))
    throw new MetricsError(
      'INVALID_INPUT',
      `wilsonInterval: z must be positive and finite, got ${z}`,
    );
  const z2 = z * z;
  const center = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [center - half, center + half];
}
