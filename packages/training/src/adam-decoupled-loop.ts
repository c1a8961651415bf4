/** The constants of one AdamW update of one tensor, hoisted out of the per-element loop. @internal */
export interface AdamDecoupledConstants {
  b1: number;
  b2: number;
  eps: number;
  /** `1 − lr·wd`, or 1 without weight decay. */
  decay: number;
  /** `lr / (1 − β₁ᵗ)` (or `lr` without bias correction). */
  stepSize: number;
  /** `√(1 − β₂ᵗ)` (or 1 without bias correction). */
  bc2Sqrt: number;
}

/**
 * What an AdamW kernel takes, the same for the scalar loop and the SIMD one: the tensor, its gradient, its first and
 * second moments (all updated in place) and the constants of this step. @internal
 */
export type AdamDecoupledArgs = [
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  c: AdamDecoupledConstants,
];

/**
 * The AdamW update of one tensor (decoupled decay, no AMSGrad, minimizing) as one pass with every constant hoisted:
 * the same float64 operations in the same order as the general loop of `Adam`, rounded to float32 at the
 * same points, so the result is bit-identical to it. `p ← fl(p·decay) − stepSize · m̂ / fl(√v / √(1−β₂ᵗ) + ε)`
 * (Loshchilov & Hutter 2019, Algorithm 2, in torch's `_single_tensor_adam` form). `adam-decoupled-simd.ts` runs
 * the same operations two lanes at a time.
 * @internal
 */
export function adamDecoupledLoop(...[p, g, m, v, c]: AdamDecoupledArgs): void {
  const { b1, b2, eps, decay, stepSize, bc2Sqrt } = c;
  const c1 = 1 - b1;
  const c2 = 1 - b2;
  const n = p.length;
  for (let i = 0; i < n; i++) {
    // `decay` is 1 without weight decay, and fl(p · 1) = p, so one unconditional form covers both cases.
    const pi = Math.fround(p[i]! * decay);
    const gi = g[i]!;
    const mi = Math.fround(b1 * m[i]! + c1 * gi);
    const vi = Math.fround(b2 * v[i]! + c2 * gi * gi);
    m[i] = mi;
    v[i] = vi;
    p[i] = pi - stepSize * (mi / Math.fround(Math.sqrt(vi) / bc2Sqrt + eps));
  }
}
