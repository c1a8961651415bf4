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
