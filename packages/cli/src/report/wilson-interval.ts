/**
 * Wilson score interval of a binomial proportion: where the true accuracy of `n` independent items lies,
 * given the observed share `p`. Unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and works at p = 0 or 1.
 * @param z the normal quantile; 1.959964 gives a 95% interval.
 * @see https://en.wikipedia.org/wiki/Binomial_proportion_confidence_interval#Wilson_score_interval
 */
export function wilsonInterval(p: number, n: number, z = 1.959964): [number, number] {
  if (!(n > 0)) return [NaN, NaN];
  const z2 = z * z;
  const center = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [center - half, center + half];
}
