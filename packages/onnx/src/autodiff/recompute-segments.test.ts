import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBert } from '../builder/build-bert';
import { buildGpt2 } from '../builder/build-gpt2';
import { Graph, graphFromModel } from '../graph';
import { addCausalLmLoss, addSoftmaxCrossEntropyLoss } from '../losses/add-loss';
import { readModel } from '../read-model';
import { createGradientSession } from '../runner/create-gradient-session';
import type { BatchTensor, GradientSessionOptions } from '../runner/create-gradient-session';
import { addClassificationHead } from '../surgery/add-classification-head';
import { buildGradientGraph } from './build-gradient-graph';
import { transformerLayerOf } from './recompute-segments';

const ints = (values: readonly number[], dims: readonly number[]): BatchTensor => ({
  data: BigInt64Array.from(values, (v) => BigInt(v)),
  dims,
});

/** A [2, 8] batch whose second row pads its last 3 tokens, so the attention mask matters. */
function tokens(vocab: number): { ids: number[]; mask: number[] } {
  const ids = Array.from({ length: 16 }, (_, i) => (i * 7 + 3) % vocab);
  const mask = ids.map((_, i) => (i >= 13 ? 0 : 1));
  return { ids, mask };
}

function tinyBert(): { graph: Graph; batch: Record<string, BatchTensor> } {
  const graph = addClassificationHead(
    buildBert(
      { vocabSize: 50, hidden: 16, layers: 3, heads: 2, intermediate: 32, maxPositions: 16 },
      { seed: 3 },
    ),
    { numLabels: 3 },
  );
  addSoftmaxCrossEntropyLoss(graph, 'logits');
  const { ids, mask } = tokens(50);
  const batch = {
    input_ids: ints(ids, [2, 8]),
    attention_mask: ints(mask, [2, 8]),
    token_type_ids: ints(
      ids.map((_, i) => (i % 8 >= 4 ? 1 : 0)),
      [2, 8],
    ),
    labels: ints([2, 0], [2]),
  };
  return { graph, batch };
}

function tinyGpt2(): { graph: Graph; batch: Record<string, BatchTensor> } {
  const graph = buildGpt2(
    { vocabSize: 50, hidden: 16, layers: 3, heads: 2, maxPositions: 16 },
    { seed: 4 },
  );
  addCausalLmLoss(graph, 'logits');
  const { ids, mask } = tokens(50);
  return {
    graph,
    batch: {
      input_ids: ints(ids, [2, 8]),
      attention_mask: ints(mask, [2, 8]),
      labels: ints(ids, [2, 8]),
    },
  };
}

/** The PyTorch exports of fixtures/grad (opset 14 BERT with decomposed LayerNorm, opset 17 GPT-2). */
function exported(name: 'bert-tiny' | 'gpt2-tiny'): () => {
  graph: Graph;
  batch: Record<string, BatchTensor>;
} {
  return () => {
    const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'grad');
    const graph = graphFromModel(readModel(readFileSync(join(dir, `${name}.onnx`))));
    const b = JSON.parse(readFileSync(join(dir, `${name}.batch.json`), 'utf8')) as {
      dims: number[];
      input_ids: number[];
      attention_mask: number[];
      labels: number[];
      causal: boolean;
    };
    if (b.causal) addCausalLmLoss(graph, 'logits');
    else addSoftmaxCrossEntropyLoss(graph, 'logits');
    return {
      graph,
      batch: {
        input_ids: ints(b.input_ids, b.dims),
        attention_mask: ints(b.attention_mask, b.dims),
        labels: ints(b.labels, b.dims),
      },
    };
  };
}

const MODELS = [
  { name: 'builder BERT', make: tinyBert, layers: 3, builder: true },
  { name: 'builder GPT-2', make: tinyGpt2, layers: 3, builder: true },
  { name: 'PyTorch-exported BERT', make: exported('bert-tiny'), layers: 2, builder: false },
  { name: 'PyTorch-exported GPT-2', make: exported('gpt2-tiny'), layers: 2, builder: false },
];

/** max |a − b| over every gradient of two steps. */
function maxGradientDifference(
  a: Map<string, Float32Array | Float64Array>,
  b: Map<string, Float32Array | Float64Array>,
): number {
  let diff = 0;
  for (const [name, x] of a) {
    const y = b.get(name)!;
    for (let i = 0; i < x.length; i++) diff = Math.max(diff, Math.abs(x[i]! - y[i]!));
  }
  return diff;
}

async function stepBoth(
  make: () => { graph: Graph; batch: Record<string, BatchTensor> },
  options: Omit<GradientSessionOptions, 'trainable'>,
) {
  const { graph, batch } = make();
  const base = { trainable: () => true, intraOpNumThreads: 1, seed: 7, ...options };
  const plain = await createGradientSession(graph, base);
  const checkpointed = await createGradientSession(graph, { ...base, gradientCheckpointing: true });
  try {
    const a = await plain.step(batch);
    const b = await checkpointed.step(batch);
    return { a, b, plain, checkpointed };
  } finally {
    await plain.dispose();
    await checkpointed.dispose();
  }
}

describe('gradient checkpointing (recomputeSegments)', () => {
  describe.each(MODELS)('on the $name', ({ make, layers, builder }) => {
    // The exports are in eval mode (no Dropout nodes), so only the builder models run with dropout on.
    it.each(
      (
        [
          ['dropout off', false],
          ['dropout on (same seed)', true],
        ] as const
      ).filter(([, dropout]) => builder || !dropout),
    )('gives the gradients of the plain graph within 1e-6 (%s)', async (_label, dropout) => {
      const { a, b, checkpointed } = await stepBoth(make, { dropout });
      // With dropout on the seeded masks must be the same in the copies: a re-drawn mask changes the loss's
      // gradient by O(1) in the weights it touches, far above float rounding.
      if (dropout) expect(checkpointed.dropoutNodes).toBeGreaterThan(0);
      const diff = maxGradientDifference(a.gradients, b.gradients);
      console.log(`${_label}: max |Δ gradient| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(a.loss - b.loss)).toBeLessThanOrEqual(1e-6);
      expect(a.gradients.size).toBe(b.gradients.size);
      void layers;
    });

    it('recomputes every layer, so backward reads far fewer forward values', () => {
      const { graph } = make();
      const work = graph.clone();
      // Activations: forward values computed from a graph input (constants and shapes of weights aside).
      const forwardValues = new Set(work.inputs.map((v) => v.name));
      for (const n of work.nodes)
        if (n.inputs.some((i) => forwardValues.has(i)))
          for (const o of n.outputs) forwardValues.add(o);
      const forwardNames = new Set(work.nodes.map((n) => n.name));
      // Counted here from the graphs themselves: activations read by any node that is not a forward node.
      const readByBackward = (g: Graph): number =>
        new Set(
          g.nodes
            .filter((n) => !forwardNames.has(n.name))
            .flatMap((n) => n.inputs.filter((i) => forwardValues.has(i))),
        ).size;
      const options = {
        loss: 'loss',
        trainable: [...graph.initializers.keys()].filter((n) => /weight|bias/.test(n)),
      };
      const plain = buildGradientGraph(graph, options);
      const checkpointed = buildGradientGraph(graph, { ...options, gradientCheckpointing: true });
      expect(checkpointed.recompute?.segments).toBe(layers);
      const before = readByBackward(plain.graph);
      const after = readByBackward(checkpointed.graph);
      console.log(`forward values read by backward: ${before} → ${after}`);
      // Per layer only its input (and the shared mask) stays saved instead of dozens of intermediates.
      expect(after).toBeLessThan(before / 2);
      expect(checkpointed.recompute?.savedValuesAfter).toBeLessThan(
        checkpointed.recompute!.savedValuesBefore / 2,
      );
    });
  });

  it('trains five SGD steps to the same parameters within 1e-6 (builder BERT, dropout on)', async () => {
    const { graph, batch } = tinyBert();
    const base = { trainable: () => true, intraOpNumThreads: 1, seed: 11 };
    const runners = [
      await createGradientSession(graph, base),
      await createGradientSession(graph, { ...base, gradientCheckpointing: true }),
    ];
    try {
      for (let step = 0; step < 5; step++) {
        for (const runner of runners) {
          const { gradients } = await runner.step(batch);
          for (const [name, p] of runner.parameters) {
            const g = gradients.get(name)!;
            for (let i = 0; i < p.length; i++) p[i] = p[i]! - 0.1 * g[i]!;
          }
        }
      }
      let diff = 0;
      let moved = 0;
      for (const [name, p] of runners[0]!.parameters) {
        const q = runners[1]!.parameters.get(name)!;
        const start = graph.initializers.get(name)!.data as Float32Array;
        for (let i = 0; i < p.length; i++) {
          diff = Math.max(diff, Math.abs(p[i]! - q[i]!));
          moved = Math.max(moved, Math.abs(p[i]! - start[i]!));
        }
      }
      console.log(`after 5 steps: max |Δ parameter| = ${diff.toExponential(2)}, max move ${moved}`);
      expect(moved).toBeGreaterThan(1e-3);
      expect(diff).toBeLessThanOrEqual(1e-6);
    } finally {
      for (const r of runners) await r.dispose();
    }
  });

  it('rejects a non-boolean gradientCheckpointing with INVALID_OPTION', async () => {
    const { graph } = tinyBert();
    await expect(
      createGradientSession(graph, {
        trainable: () => true,
        gradientCheckpointing: 'yes' as unknown as boolean,
      }),
    ).rejects.toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() =>
      buildGradientGraph(graph, {
        loss: 'loss',
        trainable: ['classifier.bias'],
        gradientCheckpointing: 1 as unknown as boolean,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });

  it('rejects segments a path leaves and re-enters with INVALID_OPTION', () => {
    // a1 = x·w, a2 = a1·a1 (segment A); b = a2·v (B); c = b·b, d = c·c (A again); loss = Σ d.
    // A's copies would wait for the gradient of a2, which needs the backward of d, which reads A's copy of c.
    const g = new Graph();
    g.inputs.push({ name: 'x', type: 'float32', shape: [2] });
    for (const w of ['w', 'v'])
      g.addInitializer({ name: w, type: 'float32', dims: [2], data: Float32Array.from([0.5, 2]) });
    const seg = { a1: 'A', a2: 'A', b: 'B', c: 'A', d: 'A' } as Record<string, string>;
    g.addNode('Mul', ['x', 'w'], ['a1'], {}, { name: 'a1' });
    g.addNode('Mul', ['a1', 'a1'], ['a2'], {}, { name: 'a2' });
    g.addNode('Mul', ['a2', 'v'], ['b'], {}, { name: 'b' });
    g.addNode('Mul', ['b', 'b'], ['c'], {}, { name: 'c' });
    g.addNode('Mul', ['c', 'c'], ['d'], {}, { name: 'd' });
    g.addNode(
      'ReduceSum',
      ['d'],
      ['loss'],
      { keepdims: { type: 'int', value: 0 } },
      { name: 'sum' },
    );
    g.outputs.push({ name: 'loss', type: 'float32', shape: [] });
    const options = { loss: 'loss', trainable: ['w', 'v'] };
    expect(() =>
      buildGradientGraph(g, { ...options, gradientCheckpointing: (n) => seg[n.name] }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    // Grouping b with A makes A convex: then it recomputes, and the gradients are those of the plain graph.
    const convex = buildGradientGraph(g, {
      ...options,
      gradientCheckpointing: (n) => (n.name === 'sum' ? undefined : 'A'),
    });
    expect(convex.recompute?.recomputedNodes).toBeGreaterThan(0);
  });
});

describe('transformerLayerOf', () => {
  it('reads the layer from module-path node names and from parameter names, the same for both', () => {
    const g = new Graph();
    g.addInitializer({
      name: 'bert.encoder.layer.3.output.dense.bias',
      type: 'float32',
      dims: [1],
      data: new Float32Array(1),
    });
    const node = (name: string, inputs: string[] = []) => ({
      name,
      opType: 'Add',
      domain: '',
      inputs,
      outputs: [],
      attributes: {},
    });
    expect(transformerLayerOf(node('/bert/encoder/layer.3/output/dense/Add'), g)).toBe(
      'bert.encoder.layer.3',
    );
    expect(
      transformerLayerOf(node('Add_7', ['x', 'bert.encoder.layer.3.output.dense.bias']), g),
    ).toBe('bert.encoder.layer.3');
    expect(transformerLayerOf(node('/transformer/h.11/attn/MatMul'), g)).toBe('transformer.h.11');
    expect(transformerLayerOf(node('/bert/embeddings/Add'), g)).toBeUndefined();
    expect(transformerLayerOf(node('/bert/pooler/dense/Gemm'), g)).toBeUndefined();
  });
});
