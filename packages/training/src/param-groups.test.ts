import { describe, expect, it } from 'vitest';
import {
  defaultLayerOf,
  discriminativeGroups,
  isNoDecayParameter,
  layerwiseLrDecayGroups,
  weightDecayGroups,
} from './param-groups';

// Names as in Hugging Face BertForSequenceClassification and GPT-2.
const bert = [
  'bert.embeddings.word_embeddings.weight',
  'bert.embeddings.LayerNorm.weight',
  'bert.embeddings.LayerNorm.bias',
  'bert.encoder.layer.0.attention.self.query.weight',
  'bert.encoder.layer.0.attention.self.query.bias',
  'bert.encoder.layer.0.output.LayerNorm.weight',
  'bert.encoder.layer.1.intermediate.dense.weight',
  'classifier.weight',
  'classifier.bias',
];

describe('weight-decay groups (Hugging Face Trainer rule)', () => {
  it('excludes biases and LayerNorm weights', () => {
    expect(bert.filter(isNoDecayParameter)).toEqual([bert[1], bert[2], bert[4], bert[5], bert[8]]);
    expect(isNoDecayParameter('transformer.h.0.ln_1.weight')).toBe(true);
    expect(isNoDecayParameter('transformer.h.0.attn.c_attn.weight')).toBe(false);
    expect(isNoDecayParameter('model.norm.weight')).toBe(true);
    const g = weightDecayGroups(bert, { weightDecay: 0.01 });
    expect(g).toEqual([
      { params: [bert[0], bert[3], bert[6], bert[7]], weightDecay: 0.01 },
      { params: [bert[1], bert[2], bert[4], bert[5], bert[8]], weightDecay: 0 },
    ]);
    expect(() => weightDecayGroups(bert, { weightDecay: -1 })).toThrow(/weightDecay/);
  });
});

describe('layer-wise learning-rate decay', () => {
  it('gives layer l the rate lr * decay^(L+1-l)', () => {
    expect(bert.map(defaultLayerOf)).toEqual([0, 0, 0, 1, 1, 1, 2, undefined, undefined]);
    const g = layerwiseLrDecayGroups(bert, { learningRate: 1e-3, decay: 0.5, numLayers: 2 });
    expect(g.map((x) => [x.params.length, x.learningRate])).toEqual([
      [3, 1e-3 * 0.125],
      [3, 1e-3 * 0.25],
      [1, 1e-3 * 0.5],
      [2, 1e-3],
    ]);
    const d = discriminativeGroups(bert, { learningRate: 0.01, numLayers: 2, weightDecay: 0.1 });
    expect(d[0]!.learningRate).toBeCloseTo(0.01 / 2.6 ** 3, 15);
    expect(d.length).toBe(7);
    expect(() => layerwiseLrDecayGroups(bert, { learningRate: 1, decay: 2, numLayers: 2 })).toThrow(
      /decay/,
    );
    expect(() =>
      layerwiseLrDecayGroups(bert, { learningRate: 1, decay: 0.9, numLayers: 0 }),
    ).toThrow(/outside/);
    expect(() =>
      discriminativeGroups(bert, { learningRate: 1, numLayers: 2, factor: 0.5 }),
    ).toThrow(/factor/);
  });
});
