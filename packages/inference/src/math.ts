/** Scores read by index (logits, log-probabilities): a typed array or a plain one. */
type Scores = ArrayLike<number>;

/** The largest of `values[start, start + length)`; −Infinity for an empty window. */
function windowMax(values: Scores, start: number, length: number): number {
  let max = -Infinity;
  for (let i = 0; i < length; i++) max = Math.max(max, values[start + i] as number);
  return max;
}

/**
 * Σ exp(x − max) over `values[start, start + length)`, writing each term to `out` when given: the one loop behind
 * softmax's numerators, its normaliser and log-sum-exp, shifted by the window's largest value so none overflows.
 */
function sumShiftedExp(
  values: Scores,
  start: number,
  length: number,
  max: number,
  out?: Float64Array,
): number {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const e = Math.exp((values[start + i] as number) - max);
    if (out !== undefined) out[i] = e;
    sum += e;
  }
  return sum;
}

/**
 * exp(x − max) for each x of `values[start, start + length)`, where max is the window's largest value: softmax's
 * numerators, shifted so the largest is exp(0) = 1 and none overflows. `softmax` divides them by their sum; sampling
 * draws from them as they are.
 */
export function shiftedExp(values: Scores, start: number, length: number): Float64Array {
  const out = new Float64Array(length);
  sumShiftedExp(values, start, length, windowMax(values, start, length), out);
  return out;
}

/** Softmax of `values[start, start + length)` in float64, max-shifted for stability. */
export function softmax(values: Scores, start = 0, length = values.length - start): Float64Array {
  const out = new Float64Array(length);
  const sum = sumShiftedExp(values, start, length, windowMax(values, start, length), out);
  for (let i = 0; i < length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

/** log Σ exp(values[start, start + length)) in float64. */
export function logSumExp(values: Scores, start = 0, length = values.length - start): number {
  const max = windowMax(values, start, length);
  if (max === -Infinity) return -Infinity;
  return max + Math.log(sumShiftedExp(values, start, length, max));
}

/** Logistic sigmoid. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
