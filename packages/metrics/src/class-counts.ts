import type { EncodedLabels } from './labels';

/** Per-class true positives, predicted and true totals, weights summed in sample order (numpy's `bincount`). */
export interface ClassCounts {
  tp: Float64Array;
  pred: Float64Array;
  true: Float64Array;
}

export function classCounts(enc: EncodedLabels, sampleWeight?: readonly number[]): ClassCounts {
  const k = enc.classes.length;
  const tp = new Float64Array(k);
  const pred = new Float64Array(k);
  const tr = new Float64Array(k);
  const { yTrue, yPred } = enc;
  const n = yTrue.length;
  if (sampleWeight) {
    for (let i = 0; i < n; i++) {
      const t = yTrue[i] as number;
      const p = yPred[i] as number;
      const w = sampleWeight[i] as number;
      tr[t] = (tr[t] as number) + w;
      pred[p] = (pred[p] as number) + w;
      if (t === p) tp[t] = (tp[t] as number) + w;
    }
  } else {
    // Integer counts in Int32Array are faster than float adds on large inputs.
    const ctp = new Int32Array(k);
    const cp = new Int32Array(k);
    const ct = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const t = yTrue[i] as number;
      const p = yPred[i] as number;
      ct[t] = (ct[t] as number) + 1;
      cp[p] = (cp[p] as number) + 1;
      if (t === p) ctp[t] = (ctp[t] as number) + 1;
    }
    tp.set(ctp);
    pred.set(cp);
    tr.set(ct);
  }
  return { tp, pred, true: tr };
}

/** The k×k confusion counts (row = true class, column = predicted class), row-major. */
export function confusionCounts(
  yTrue: Int32Array,
  yPred: Int32Array,
  k: number,
  sampleWeight?: readonly number[],
): Float64Array {
  const cm = new Float64Array(k * k);
  const n = yTrue.length;
  if (sampleWeight) {
    for (let i = 0; i < n; i++) {
      const t = yTrue[i] as number;
      const p = yPred[i] as number;
      if (t < 0 || p < 0) continue;
      cm[t * k + p] = (cm[t * k + p] as number) + (sampleWeight[i] as number);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const t = yTrue[i] as number;
      const p = yPred[i] as number;
      if (t < 0 || p < 0) continue;
      cm[t * k + p] = (cm[t * k + p] as number) + 1;
    }
  }
  return cm;
}

/**
 * Per-class counts straight from small integer labels (one pass, no encoded copy): tables indexed by
 * `label − min`, compacted to the labels present. Same sums, in the same sample order, as {@link classCounts}.
 */
export function denseClassCounts(
  a: readonly number[],
  b: readonly number[],
  min: number,
  max: number,
  sampleWeight?: readonly number[],
): { classes: number[]; counts: ClassCounts } {
  const span = max - min + 1;
  const n = a.length;
  const tp = new Float64Array(span);
  const pred = new Float64Array(span);
  const tr = new Float64Array(span);
  const seen = new Uint8Array(span);
  if (sampleWeight) {
    for (let i = 0; i < n; i++) {
      const t = (a[i] as number) - min;
      const p = (b[i] as number) - min;
      const w = sampleWeight[i] as number;
      seen[t] = 1;
      seen[p] = 1;
      tr[t] = (tr[t] as number) + w;
      pred[p] = (pred[p] as number) + w;
      if (t === p) tp[t] = (tp[t] as number) + w;
    }
  } else {
    const ctp = new Int32Array(span);
    const cp = new Int32Array(span);
    const ct = new Int32Array(span);
    for (let i = 0; i < n; i++) {
      const t = (a[i] as number) - min;
      const p = (b[i] as number) - min;
      ct[t] = (ct[t] as number) + 1;
      cp[p] = (cp[p] as number) + 1;
      if (t === p) ctp[t] = (ctp[t] as number) + 1;
    }
    for (let v = 0; v < span; v++) {
      if ((ct[v] as number) > 0 || (cp[v] as number) > 0) seen[v] = 1;
    }
    tp.set(ctp);
    pred.set(cp);
    tr.set(ct);
  }
  const classes: number[] = [];
  const keep: number[] = [];
  for (let v = 0; v < span; v++) {
    if (seen[v]) {
      classes.push(v + min);
      keep.push(v);
    }
  }
  const pick = (x: Float64Array): Float64Array => Float64Array.from(keep, (v) => x[v] as number);
  return { classes, counts: { tp: pick(tp), pred: pick(pred), true: pick(tr) } };
}
