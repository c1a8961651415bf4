/** Softmax of `values[start, start + length)` in float64, max-shifted for stability. */
export function softmax(
  values: ArrayLike<number>,
  start = 0,
  length = values.length - start,
): Float64Array {
  const out = new Float64Array(length);
  let max = -Infinity;
  for (let i = 0; i < length; i++) max = Math.max(max, values[start + i] as number);
  let sum = 0;
  for (let i = 0; i < length; i++) sum += out[i] = Math.exp((values[start + i] as number) - max);
  for (let i = 0; i < length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

/** log Σ exp(values[start, start + length)) in float64. */
export function logSumExp(
  values: ArrayLike<number>,
  start = 0,
  length = values.length - start,
): number {
  let max = -Infinity;
  for (let i = 0; i < length; i++) max = Math.max(max, values[start + i] as number);
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += Math.exp((values[start + i] as number) - max);
  return max + Math.log(sum);
}

/** Logistic sigmoid. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
