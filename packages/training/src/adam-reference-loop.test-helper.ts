/**
 * The per-element Adam/AdamW update exactly as `Adam.update` ran it before the fused AdamW loop (kept verbatim, as
 * the golden reference of the bit-for-bit tests). One tensor, step `t` (1-based); `m`, `v`, `vmax` are updated in
 * place.
 */
export interface ReferenceAdamOptions {
  lr: number;
  wd: number;
  b1: number;
  b2: number;
  eps: number;
  amsgrad: boolean;
  biasCorrection: boolean;
  decoupled: boolean;
  maximize: boolean;
}

export function referenceAdamUpdate(
  p: Float32Array,
  g: Float32Array,
  state: { m: Float32Array; v: Float32Array; vmax: Float32Array },
  o: ReferenceAdamOptions,
  t: number,
): void {
  const { lr, wd, b1, b2, eps } = o;
  const { m, v } = state;
  const vmax = o.amsgrad ? state.vmax : undefined;
  const stepSize = o.biasCorrection ? lr / (1 - b1 ** t) : lr;
  const bc2Sqrt = o.biasCorrection ? Math.sqrt(1 - b2 ** t) : 1;
  const decay = o.decoupled && wd !== 0 ? 1 - lr * wd : 1;
  const sign = o.maximize ? -1 : 1;
  for (let i = 0; i < p.length; i++) {
    let pi = p[i]!;
    let gi = sign * g[i]!;
    if (wd !== 0) {
      if (o.decoupled) pi = Math.fround(pi * decay);
      else gi = Math.fround(gi + wd * pi);
    }
    const mi = (m[i] = Math.fround(b1 * m[i]! + (1 - b1) * gi));
    let vi = (v[i] = Math.fround(b2 * v[i]! + (1 - b2) * gi * gi));
    if (vmax !== undefined) vi = vmax[i] = Math.max(vmax[i]!, vi);
    const denom = Math.fround(Math.sqrt(vi) / bc2Sqrt + eps);
    p[i] = pi - stepSize * (mi / denom);
  }
}

/** The bits of a float32 array, so `toEqual` compares exactly (NaN payloads and the sign of zero included). */
export function bits(a: Float32Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length);
}
