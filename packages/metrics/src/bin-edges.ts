import { MetricsError } from './errors';

/**
 * Rejects a bin count that is not an integer ≥ 1 (scikit-learn 1.2's `calibration_curve` quietly makes one
 * bin of `n_bins` ≤ 0).
 * @throws {MetricsError} `INVALID_OPTION` naming the function and the value.
 * @internal
 */
export function checkNBins(fn: string, nBins: unknown): number {
  if (typeof nBins !== 'number' || !Number.isInteger(nBins) || nBins < 1) {
    throw new MetricsError(
      'INVALID_OPTION',
      `${fn}: nBins is ${String(nBins)}; use an integer >= 1`,
    );
  }
  return nBins;
}

/**
 * numpy's `linspace(0, 1, nBins + 1)`: edge i is `i * (1 / nBins)`, not `i / nBins` (3 × 0.1 is
 * 0.30000000000000004), and the last edge is exactly 1. The difference decides which bin a tie joins.
 * @see https://github.com/numpy/numpy/blob/v1.24.2/numpy/core/function_base.py
 * @internal
 */
export function linspaceEdges(nBins: number): Float64Array {
  const edges = new Float64Array(nBins + 1);
  const step = 1 / nBins;
  for (let i = 0; i < nBins; i++) edges[i] = i * step;
  edges[nBins] = 1;
  return edges;
}

/**
 * numpy's `percentile(values, linspace(0, 1, nBins + 1) * 100)` with its default 'linear' method: the
 * virtual index `(n − 1) · q`, and numpy's `_lerp`, which interpolates from the upper neighbour when the
 * fraction is ≥ 0.5 so that results stay monotonic.
 * @param sorted the values in ascending order, at least one.
 * @see https://github.com/numpy/numpy/blob/v1.24.2/numpy/lib/function_base.py
 * @internal
 */
export function percentileEdges(sorted: Float64Array, nBins: number): Float64Array {
  const n = sorted.length;
  const steps = linspaceEdges(nBins);
  const edges = new Float64Array(nBins + 1);
  for (let i = 0; i <= nBins; i++) {
    // `percentile` multiplies by 100 and divides again before taking the quantile.
    const q = ((steps[i] as number) * 100) / 100;
    const virtual = (n - 1) * q;
    if (virtual >= n - 1) {
      edges[i] = sorted[n - 1] as number;
      continue;
    }
    const below = Math.floor(virtual);
    const a = sorted[below] as number;
    const b = sorted[below + 1] as number;
    const t = virtual - below;
    const diff = b - a;
    edges[i] = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
  return edges;
}

/**
 * numpy's `searchsorted(edges[from:to], value, side='left')`: how many of those edges are below `value`.
 * @internal
 */
export function countEdgesBelow(
  edges: Float64Array,
  value: number,
  from: number,
  to: number,
): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo - from;
}
