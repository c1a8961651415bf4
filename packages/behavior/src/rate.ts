/** Internal: `k / n`, or `null` when `n` is 0 (an empty set has no rate, and NaN is never returned). */
export function rate(k: number, n: number): number | null {
  return n === 0 ? null : k / n;
}
