/** The largest of `values[start, start + length)`; −Infinity for an empty window. */
function windowMax(values: ArrayLike<number>, start: number, length: number): number {
  let max = -Infinity;
  for (let i = 0; i < length; i++) max = Math.max(max, values[start + i] as number);
  return max;
}

/**
 * exp(x − max) for each x of `values[start, start + length)`, where max is the window's largest value: softmax's
 * numerators, shifted so the largest is exp(0) = 1 and none overflows. `softmax` divides them by their sum; sampling
 * draws from them as they are.
 */
export function shiftedExp(values: ArrayLike<number>, start: number, length: number): Float64Array {
  const out = new Float64Array(length);
  const max = windowMax(values, start, length);
  for (let i = 0; i < length; i++) out[i] = Math.exp((values[start + i] as number) - max);
  return out;
}

/** Softmax of `values[start, start + length)` in float64, max-shifted for stability. */
export function softmax(
  values: ArrayLike<number>,
  start = 0,
  length = values.length - start,
): Float64Array {
  const exps = shiftedExp(values, start, length);
  const sum = exps.reduce((total, e) => total + e, 0);
  return exps.map((e) => e / sum);
}

/** log Σ exp(values[start, start + length)) in float64. */
export function logSumExp(
  values: ArrayLike<number>,
  start = 0,
  length = values.length - start,
): number {
  const max = windowMax(values, start, length);
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += Math.exp((values[start + i] as number) - max);
  return max + Math.log(sum);
}

/** Logistic sigmoid. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
