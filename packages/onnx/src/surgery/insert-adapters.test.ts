import { describe, expect, it } from 'vitest';
import { buildBert } from '../builder/build-bert';
import { buildGpt2 } from '../builder/build-gpt2';
import { GraphBuilder } from '../builder/graph-builder';
import { SeededRandom } from '../builder/seeded-random';
import { maxAbsDiff, runGraph } from '../builder/testing';
import { insertAdapters } from './insert-adapters';
import { writeWeights } from './write-weights';

const CONFIG = {
  vocabSize: 100,
  hidden: 16,
  layers: 2,
  heads: 2,
  intermediate: 32,
  maxPositions: 16,
};
const IDS = [
  [1, 5, 7, 9, 0],
  [1, 4, 8, 2, 6],
];
const MASK = [
  [1, 1, 1, 1, 0],
  [1, 1, 1, 1, 1],
];
const BERT_FEEDS = {
  input_ids: IDS,
  attention_mask: MASK,
  token_type_ids: [
    [0, 0, 0, 0, 0],
    [0, 0, 1, 1, 1],
  ],
};

const erf = (x: number): number => {
  // Abramowitz–Stegun 7.1.26 is too coarse for 1e-6; integrate the series instead (|x| small here).
  let sum = 0;
  let term = x;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
};

describe('insertAdapters', () => {
  const bert = buildBert(CONFIG, { seed: 1 });

  it('puts one adapter after attention and one after the FFN of every layer, named by layer', () => {
    const { graph, adapters } = insertAdapters(bert, { bottleneck: 4 });
    expect(adapters.map((a) => a.prefix)).toEqual([
      'encoder.layer.0.attention.output.adapter',
      'encoder.layer.0.output.adapter',
      'encoder.layer.1.attention.output.adapter',
      'encoder.layer.1.output.adapter',
    ]);
    expect(graph.initializers.get('encoder.layer.0.output.adapter.down.weight')!.dims).toEqual([
      16, 4,
    ]);
    expect(graph.initializers.get('encoder.layer.0.output.adapter.up.weight')!.dims).toEqual([
      4, 16,
    ]);
  });

  it('finds the sites under an exporter prefix (`/bert/encoder/…`, as in BertForSequenceClassification exports)', () => {
    const prefixed = bert.clone();
    prefixed.nodes = prefixed.nodes.map((n) => ({ ...n, name: `/bert${n.name}` }));
    const { adapters } = insertAdapters(prefixed, { bottleneck: 2, at: ['ffn'] });
    expect(adapters.map((a) => a.prefix)).toEqual([
      'bert.encoder.layer.0.output.adapter',
      'bert.encoder.layer.1.output.adapter',
    ]);
  });

  it('is the identity with a zero up-projection (BERT and GPT-2)', async () => {
    const gpt2 = buildGpt2(CONFIG, { seed: 2 });
    const adaptedBert = insertAdapters(bert, { bottleneck: 4, seed: 3 }).graph;
    const adaptedGpt2 = insertAdapters(gpt2, { bottleneck: 4, seed: 3, activation: 'relu' }).graph;
    const [b0, b1, g0, g1] = await Promise.all([
      runGraph(bert, BERT_FEEDS),
      runGraph(adaptedBert, BERT_FEEDS),
      runGraph(gpt2, { input_ids: IDS, attention_mask: MASK }),
      runGraph(adaptedGpt2, { input_ids: IDS, attention_mask: MASK }),
    ]);
    expect(maxAbsDiff(b1['last_hidden_state']!.data, b0['last_hidden_state']!.data)).toBeLessThan(
      1e-6,
    );
    expect(maxAbsDiff(g1['logits']!.data, g0['logits']!.data)).toBeLessThan(1e-6);
  });

  it('computes h + gelu(h·Wd + bd)·Wu + bu at an explicit value', async () => {
    const { graph } = insertAdapters(bert, {
      bottleneck: 3,
      at: [{ value: 'last_hidden_state' }],
      hidden: 16,
      seed: 5,
    });
    const random = new SeededRandom(8);
    const up = random.normalArray(3 * 16, 0, 0.3);
    const upBias = random.normalArray(16, 0, 0.1);
    const downBias = random.normalArray(3, 0, 0.1);
    const tuned = writeWeights(graph, {
      'adapters.last_hidden_state.up.weight': up,
      'adapters.last_hidden_state.up.bias': upBias,
      'adapters.last_hidden_state.down.bias': downBias,
    });
    const down = graph.initializers.get('adapters.last_hidden_state.down.weight')!
      .data as Float32Array;
    const [base, adapted] = await Promise.all([
      runGraph(bert, BERT_FEEDS),
      runGraph(tuned, BERT_FEEDS),
    ]);
    const h = base['last_hidden_state']!.data;
    const expected = new Float64Array(h.length);
    for (let row = 0; row < h.length / 16; row++) {
      const x = h.subarray(row * 16, row * 16 + 16);
      const mid = [0, 1, 2].map((j) => {
        const z = x.reduce((s, v, i) => s + v * down[i * 3 + j]!, downBias[j]!);
        return 0.5 * z * (1 + erf(z / Math.SQRT2));
      });
      for (let o = 0; o < 16; o++)
        expected[row * 16 + o] =
          x[o]! + upBias[o]! + mid.reduce((s, m, j) => s + m * up[j * 16 + o]!, 0);
    }
    expect(
      maxAbsDiff(adapted['last_hidden_state']!.data, base['last_hidden_state']!.data),
    ).toBeGreaterThan(1e-2);
    expect(maxAbsDiff(adapted['last_hidden_state']!.data, expected)).toBeLessThan(1e-5);
  });

  it('rejects a graph without builder sites with UNKNOWN_NODE and a bad bottleneck with INVALID_OPTION', () => {
    const b = new GraphBuilder();
    b.output(b.op1('Relu', [b.input('x', 'float32', [2, 4])]), 'y');
    expect(() => insertAdapters(b.graph, { bottleneck: 2 })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_NODE' }),
    );
    expect(() => insertAdapters(bert, { bottleneck: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() =>
      insertAdapters(bert, { bottleneck: 2, at: [{ value: 'nope' }], hidden: 16 }),
    ).toThrow(expect.objectContaining({ code: 'UNKNOWN_VALUE' }));
  });
});
