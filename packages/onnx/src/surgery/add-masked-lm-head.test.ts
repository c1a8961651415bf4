import { describe, expect, it } from 'vitest';
import { buildGradientGraph } from '../autodiff/build-gradient-graph';
import { buildBert } from '../builder/build-bert';
import { maxAbsDiff, runGraph } from '../builder/testing';
import { OnnxError } from '../errors';
import { addSoftmaxCrossEntropyLoss } from '../losses/add-loss';
import { addMaskedLmHead } from './add-masked-lm-head';
import { writeWeights } from './write-weights';

const CONFIG = { vocabSize: 50, hidden: 8, layers: 1, heads: 2, intermediate: 16, maxPositions: 8 };
const FEEDS = {
  input_ids: [
    [1, 5, 7, 9],
    [1, 4, 8, 2],
  ],
  attention_mask: [
    [1, 1, 1, 0],
    [1, 1, 1, 1],
  ],
  token_type_ids: [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ],
};

const f32 = (g: ReturnType<typeof buildBert>, name: string) =>
  g.initializers.get(name)!.data as Float32Array;

/** cls.predictions in float64 from the encoder's hidden states: LN(gelu(h·W + b))·Eᵀ + bias. */
function headRef(g: ReturnType<typeof buildBert>, hidden: Float32Array): number[] {
  const H = CONFIG.hidden;
  const V = CONFIG.vocabSize;
  const w = f32(g, 'cls.predictions.transform.dense.weight');
  const b = f32(g, 'cls.predictions.transform.dense.bias');
  const gamma = f32(g, 'cls.predictions.transform.LayerNorm.weight');
  const beta = f32(g, 'cls.predictions.transform.LayerNorm.bias');
  const table = f32(g, 'embeddings.word_embeddings.weight');
  const bias = f32(g, 'cls.predictions.bias');
  const out: number[] = [];
  for (let t = 0; t < hidden.length / H; t++) {
    const x = Array.from({ length: H }, (_, j) => {
      let s = b[j]!;
      for (let i = 0; i < H; i++) s += hidden[t * H + i]! * w[i * H + j]!;
      return 0.5 * s * (1 + erf(s / Math.SQRT2));
    });
    const mean = x.reduce((a, v) => a + v, 0) / H;
    const variance = x.reduce((a, v) => a + (v - mean) ** 2, 0) / H;
    const y = x.map((v, j) => ((v - mean) / Math.sqrt(variance + 1e-12)) * gamma[j]! + beta[j]!);
    for (let v = 0; v < V; v++)
      out.push(y.reduce((s, yj, j) => s + yj * table[v * H + j]!, bias[v]!));
  }
  return out;
}

/** Abramowitz–Stegun 7.1.26 is too coarse here; a series/continued-fraction erf to ~1e-15. */
function erf(x: number): number {
  const s = Math.sign(x);
  const a = Math.abs(x);
  if (a < 3) {
    let sum = a;
    let term = a;
    for (let n = 1; n < 60; n++) {
      term *= (-a * a) / n;
      sum += term / (2 * n + 1);
    }
    return (s * 2 * sum) / Math.sqrt(Math.PI);
  }
  return s * (1 - Math.exp(-a * a) / (a * Math.sqrt(Math.PI)));
}

describe('addMaskedLmHead', () => {
  const base = buildBert(CONFIG, { seed: 3 });

  it('logits are the tied-decoder head applied to last_hidden_state', async () => {
    let g = addMaskedLmHead(base, { keepHiddenOutput: true, seed: 4 });
    g = writeWeights(g, {
      'cls.predictions.bias': Float32Array.from({ length: 50 }, (_, i) => (i % 7) * 0.01),
      'cls.predictions.transform.LayerNorm.weight': Float32Array.from(
        { length: 8 },
        (_, i) => 1 + i * 0.1,
      ),
    });
    const out = await runGraph(g, FEEDS);
    expect(out['logits']!.dims).toEqual([2, 4, 50]);
    const expected = headRef(g, out['last_hidden_state']!.data);
    expect(maxAbsDiff(out['logits']!.data, expected)).toBeLessThan(1e-5);
  });

  it('adds the HF parameter names and no decoder weight of its own', () => {
    const g = addMaskedLmHead(base);
    const added = [...g.initializers.keys()].filter((k) => !base.initializers.has(k));
    expect(added.sort()).toEqual([
      'cls.predictions.bias',
      'cls.predictions.transform.LayerNorm.bias',
      'cls.predictions.transform.LayerNorm.weight',
      'cls.predictions.transform.dense.bias',
      'cls.predictions.transform.dense.weight',
    ]);
    expect(g.outputs.map((o) => o.name)).toEqual(['logits']);
    expect(base.outputs.map((o) => o.name)).toEqual(['last_hidden_state']);
  });

  it('the tied table gets one gradient from the lookup and the decoder together', () => {
    const g = addMaskedLmHead(base);
    addSoftmaxCrossEntropyLoss(g, 'logits');
    const grad = buildGradientGraph(g, {
      loss: 'loss',
      trainable: ['embeddings.word_embeddings.weight'],
    });
    expect(grad.graph.outputs.map((o) => o.name)).toContain(
      'grad.embeddings.word_embeddings.weight',
    );
  });

  it('names a missing table or hidden output', () => {
    expect(() => addMaskedLmHead(base, { wordEmbeddings: 'nope' })).toThrow(OnnxError);
    expect(() => addMaskedLmHead(base, { wordEmbeddings: 'nope' })).toThrow(/'nope'/);
    expect(() => addMaskedLmHead(base, { hiddenOutput: 'h' })).toThrow(/no output 'h'/);
    expect(() =>
      addMaskedLmHead(base, { wordEmbeddings: 'embeddings.position_embeddings.weight' }),
    ).not.toThrow(); // [8, 8] fits hidden 8: shape checks are about sizes, not names
  });
});
