import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { graphFromModel } from '../graph';
import { readModel } from '../read-model';
import { buildBert } from '../builder/build-bert';
import { SeededRandom } from '../builder/seeded-random';
import { maxAbsDiff, runGraph } from '../builder/testing';
import { addLora } from './add-lora';
import { mergeLora } from './merge-lora';
import { PAIR_FEEDS } from './tiny-bert.test-helper';
import { writeWeights } from './write-weights';

const CONFIG = {
  vocabSize: 100,
  hidden: 16,
  layers: 2,
  heads: 2,
  intermediate: 32,
  maxPositions: 16,
};
const FEEDS = PAIR_FEEDS;
const QV = /attention\/self\/(query|value)\/MatMul$/;

describe('addLora', () => {
  const base = buildBert(CONFIG, { seed: 1 });

  it('adds A [in, r] and B [r, out] per matched MatMul, with B = 0 and scale alpha/r', () => {
    const { graph, adapters } = addLora(base, { matMuls: [QV], rank: 4, alpha: 8 });
    expect(adapters.map((a) => a.a)).toEqual([
      'encoder.layer.0.attention.self.query.lora_A.weight',
      'encoder.layer.0.attention.self.value.lora_A.weight',
      'encoder.layer.1.attention.self.query.lora_A.weight',
      'encoder.layer.1.attention.self.value.lora_A.weight',
    ]);
    expect(adapters.every((a) => a.scale === 2)).toBe(true);
    expect(graph.initializers.get(adapters[0]!.a)!.dims).toEqual([16, 4]);
    expect(graph.initializers.get(adapters[0]!.b)!.dims).toEqual([4, 16]);
    const a = graph.initializers.get(adapters[0]!.a)!.data as Float32Array;
    // PEFT's init: A ~ U(-1/√in, 1/√in).
    expect(Math.max(...a.map(Math.abs))).toBeLessThanOrEqual(1 / 4);
    expect(
      [...(graph.initializers.get(adapters[0]!.b)!.data as Float32Array)].every((v) => v === 0),
    ).toBe(true);
  });

  it('with B = 0 leaves the outputs unchanged', async () => {
    const { graph } = addLora(base, { matMuls: [QV], rank: 4 });
    const [before, after] = await Promise.all([runGraph(base, FEEDS), runGraph(graph, FEEDS)]);
    // y + 0·scale is exact; kernels may fuse differently, so allow float32 rounding.
    expect(
      maxAbsDiff(after['last_hidden_state']!.data, before['last_hidden_state']!.data),
    ).toBeLessThan(1e-6);
  });

  it('equals the base model with W replaced by W + A·B·alpha/r', async () => {
    const name = '/encoder/layer.1/attention/self/value/MatMul';
    const { graph, adapters } = addLora(base, { matMuls: [name], rank: 2, alpha: 3, seed: 4 });
    const adapter = adapters[0]!;
    const bValues = new SeededRandom(9).normalArray(2 * 16, 0, 0.5);
    const tuned = writeWeights(graph, { [adapter.b]: bValues });
    const a = graph.initializers.get(adapter.a)!.data as Float32Array;
    const w = base.initializers.get('encoder.layer.1.attention.self.value.weight')!
      .data as Float32Array;
    const merged = new Float32Array(w.length);
    for (let i = 0; i < 16; i++) {
      for (let o = 0; o < 16; o++) {
        let delta = 0;
        for (let r = 0; r < 2; r++) delta += a[i * 2 + r]! * bValues[r * 16 + o]!;
        merged[i * 16 + o] = w[i * 16 + o]! + delta * 1.5;
      }
    }
    const mergedModel = writeWeights(base, {
      'encoder.layer.1.attention.self.value.weight': merged,
    });
    const [lora, reference] = await Promise.all([
      runGraph(tuned, FEEDS),
      runGraph(mergedModel, FEEDS),
    ]);
    const changed = await runGraph(base, FEEDS);
    expect(
      maxAbsDiff(lora['last_hidden_state']!.data, changed['last_hidden_state']!.data),
    ).toBeGreaterThan(1e-3);
    // Same math, different association ((x·A)·B vs x·(A·B)) in float32: 1e-5 on unit-scale outputs.
    expect(
      maxAbsDiff(lora['last_hidden_state']!.data, reference['last_hidden_state']!.data),
    ).toBeLessThan(1e-5);
  });

  it('rejects an unknown MatMul name with UNKNOWN_NODE listing the MatMuls', () => {
    expect(() =>
      addLora(base, { matMuls: ['/encoder/layer.9/attention/self/query/MatMul'], rank: 2 }),
    ).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_NODE',
        message: expect.stringContaining('/encoder/layer.0/attention/self/query/MatMul') as string,
      }),
    );
  });

  it('rejects a MatMul without a weight initializer and a bad rank with INVALID_OPTION / INVALID_INPUT', () => {
    expect(() => addLora(base, { matMuls: [/ScoresMatMul$/], rank: 2 })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => addLora(base, { matMuls: [QV], rank: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('addLora on a PyTorch export', () => {
  // Part A's PyTorch-exported tiny BERT (scripts/export_fixtures.py): nn.Linear exports as MatMul(x, Transpose(W)).
  const path = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'grad');
  const torchBert = graphFromModel(readModel(readFileSync(join(path, 'bert-tiny.onnx'))));
  const batch = JSON.parse(readFileSync(join(path, 'bert-tiny.batch.json'), 'utf8')) as {
    dims: [number, number];
    input_ids: number[];
    attention_mask: number[];
  };
  const rows = (flat: number[]): number[][] =>
    Array.from({ length: batch.dims[0] }, (_, i) =>
      flat.slice(i * batch.dims[1], (i + 1) * batch.dims[1]),
    );
  const feeds = { input_ids: rows(batch.input_ids), attention_mask: rows(batch.attention_mask) };

  it('finds W behind the Transpose and equals the model with W[out, in] += (A·B·alpha/r)ᵀ', async () => {
    const { graph, adapters } = addLora(torchBert, {
      matMuls: [/attention\/query\/MatMul$/],
      rank: 2,
      alpha: 4,
      seed: 1,
    });
    expect(adapters.map((a) => a.a)).toEqual([
      'layer.0.attention.query.lora_A.weight',
      'layer.1.attention.query.lora_A.weight',
    ]);
    const first = adapters[0]!;
    const w = torchBert.initializers.get('layer.0.attention.query.weight')!;
    const [out, inF] = w.dims as [number, number];
    const bValues = new SeededRandom(5).normalArray(2 * out, 0, 0.5);
    const tuned = writeWeights(graph, { [first.b]: bValues });
    const a = graph.initializers.get(first.a)!.data as Float32Array;
    const merged = Float32Array.from(w.data as Float32Array);
    for (let o = 0; o < out; o++) {
      for (let i = 0; i < inF; i++)
        merged[o * inF + i]! += 2 * (a[i * 2]! * bValues[o]! + a[i * 2 + 1]! * bValues[out + o]!);
    }
    const [base, lora, reference] = await Promise.all([
      runGraph(torchBert, feeds),
      runGraph(tuned, feeds),
      runGraph(writeWeights(torchBert, { 'layer.0.attention.query.weight': merged }), feeds),
    ]);
    expect(maxAbsDiff(lora['logits']!.data, base['logits']!.data)).toBeGreaterThan(1e-4);
    expect(maxAbsDiff(lora['logits']!.data, reference['logits']!.data)).toBeLessThan(1e-5);
  });
});

describe('mergeLora', () => {
  const base = buildBert(CONFIG, { seed: 1 });

  it('folds trained updates into W (either layout) and removes the branch, with the same outputs', async () => {
    const { graph, adapters } = addLora(base, { matMuls: [QV], rank: 2, alpha: 4, seed: 3 });
    const rng = new SeededRandom(5);
    const tuned = writeWeights(
      graph,
      Object.fromEntries(adapters.map((a) => [a.b, rng.normalArray(2 * 16, 0, 0.5)])),
    );
    const { graph: merged, merged: weights } = mergeLora(tuned);
    expect(weights).toHaveLength(4);
    expect([...merged.initializers.keys()].some((n) => n.includes('lora_'))).toBe(false);
    expect(merged.nodes.length).toBe(base.nodes.length + 4); // one pass-through Identity per adapted projection
    const [withBranch, folded] = await Promise.all([
      runGraph(tuned, FEEDS),
      runGraph(merged, FEEDS),
    ]);
    // Same sums in another order: float32 rounding only.
    expect(
      maxAbsDiff(folded['last_hidden_state']!.data, withBranch['last_hidden_state']!.data),
    ).toBeLessThan(1e-5);
    const before = await runGraph(base, FEEDS);
    expect(
      maxAbsDiff(folded['last_hidden_state']!.data, before['last_hidden_state']!.data),
    ).toBeGreaterThan(1e-2); // the updates are really in W
  });

  it('returns a graph without LoRA unchanged', () => {
    expect(mergeLora(base).graph).toBe(base);
  });
});
