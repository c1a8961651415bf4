/**
 * numpy's `add.reduce` for float64: pairwise summation with 8-way unrolled blocks of at most 128, so sums
 * of sample weights round exactly as scikit-learn's do (bit-exact report text needs it).
 * @see https://github.com/numpy/numpy/blob/v1.24.2/numpy/core/src/umath/loops_utils.h.src
 */
export function pairwiseSum(values: ArrayLike<number>, start = 0, end = values.length): number {
  return 0 + pairwise(values, start, end - start);
}

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i] as number;
    return res;
  }
  if (n <= 128) {
    let r0 = a[start] as number;
    let r1 = a[start + 1] as number;
    let r2 = a[start + 2] as number;
    let r3 = a[start + 3] as number;
    let r4 = a[start + 4] as number;
    let r5 = a[start + 5] as number;
    let r6 = a[start + 6] as number;
    let r7 = a[start + 7] as number;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const j = start + i;
      r0 += a[j] as number;
      r1 += a[j + 1] as number;
      r2 += a[j + 2] as number;
      r3 += a[j + 3] as number;
      r4 += a[j + 4] as number;
      r5 += a[j + 5] as number;
      r6 += a[j + 6] as number;
      r7 += a[j + 7] as number;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/** `np.dot(a, b)` for 1-D float vectors, summed in order (BLAS may unroll; the tolerance absorbs that). */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
