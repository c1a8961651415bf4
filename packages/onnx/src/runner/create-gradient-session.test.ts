import { describe, expect, it } from 'vitest';
import { randomTensor, rng } from '../autodiff/gradient-check';
import { Graph } from '../graph';
import { buildBert } from '../builder/build-bert';
import { addSoftmaxCrossEntropyLoss } from '../losses/add-loss';
import { addClassificationHead } from '../surgery/add-classification-head';
import { createGradientSession } from './create-gradient-session';

function classifier(): Graph {
  const g = new Graph();
  g.inputs.push({ name: 'x', type: 'float32', shape: ['batch', 3] });
  const w = randomTensor('w', [3, 4], rng(2));
  g.addInitializer({ ...w, type: 'float32', data: Float32Array.from(w.data as Float64Array) });
  g.addNode('MatMul', ['x', 'w'], ['logits']);
  addSoftmaxCrossEntropyLoss(g, 'logits');
  return g;
}
const x = { data: Float32Array.from([1, 0, -1, 0.5, 2, 0]), dims: [2, 3] };
const labels = (a: number, b: number) => ({
  data: BigInt64Array.from([BigInt(a), BigInt(b)]),
  dims: [2],
});

describe('createGradientSession', () => {
  it('returns loss, gradients and kept outputs, and reads parameters as updated in place', async () => {
    const runner = await createGradientSession(classifier(), {
      trainable: ['w'],
      keepOutputs: ['logits'],
    });
    const first = await runner.step({ x, labels: labels(1, 3) });
    expect(first.gradients.get('w')).toHaveLength(12);
    expect(first.outputs.get('logits')?.dims).toEqual([2, 4]);
    // one SGD step downhill lowers the loss: w -= 0.5 · grad
    const w = runner.parameters.get('w')!;
    const grad = first.gradients.get('w')!;
    for (let i = 0; i < w.length; i++) w[i] = w[i]! - 0.5 * grad[i]!;
    const second = await runner.step({ x, labels: labels(1, 3) });
    expect(second.loss).toBeLessThan(first.loss);
    await runner.dispose();
  });

  it('with shared parameters and no memory pattern, steps give the same bits as with copies and the pattern', async () => {
    const bert = () => {
      const g = addClassificationHead(
        buildBert(
          { vocabSize: 50, hidden: 16, layers: 2, heads: 2, intermediate: 32, maxPositions: 16 },
          { seed: 3 },
        ),
        { numLabels: 3 },
      );
      addSoftmaxCrossEntropyLoss(g, 'logits');
      return g;
    };
    const n = 2 * 8;
    const ids = BigInt64Array.from({ length: n }, (_, i) => BigInt((i * 7) % 50));
    const batch = {
      input_ids: { data: ids, dims: [2, 8] },
      attention_mask: { data: new BigInt64Array(n).fill(1n), dims: [2, 8] },
      token_type_ids: { data: new BigInt64Array(n), dims: [2, 8] },
      labels: { data: BigInt64Array.from([2n, 0n]), dims: [2] },
    };
    const trainable = (name: string) => !name.includes('position');
    const copied = await createGradientSession(bert(), { trainable, memoryPattern: true });
    const graph = bert();
    const shared = await createGradientSession(graph, { trainable, shareParameters: true });
    for (const [name, data] of shared.parameters) {
      expect(data).toBe(graph.initializers.get(name)!.data);
      expect(copied.parameters.get(name)).not.toBe(graph.initializers.get(name)!.data);
    }
    const bits = (a: Float32Array | Float64Array) =>
      new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4);
    for (let step = 0; step < 3; step++) {
      if (step === 2) {
        // A parameter replaced by another array is fed from the new array.
        for (const r of [copied, shared])
          r.parameters.set(
            'classifier.bias',
            r.parameters.get('classifier.bias')!.map((v) => v + 0.5),
          );
      }
      const a = await copied.step(batch, { dropoutSeed: 0.25 + step / 10 });
      const b = await shared.step(batch, { dropoutSeed: 0.25 + step / 10 });
      expect(b.loss).toBe(a.loss);
      for (const [name, g] of a.gradients) {
        expect(bits(b.gradients.get(name)!), `${name} at step ${step}`).toEqual(bits(g));
        // w -= 0.1 · grad, in place, on both runners.
        for (const r of [copied, shared]) {
          const w = r.parameters.get(name)!;
          const gr = (r === copied ? a : b).gradients.get(name)!;
          for (let i = 0; i < w.length; i++) w[i] = w[i]! - 0.1 * gr[i]!;
        }
      }
    }
    for (const [name, w] of copied.parameters)
      expect(bits(shared.parameters.get(name)!)).toEqual(bits(w));
    await copied.dispose();
    await shared.dispose();
  });

  it('throws PROVIDER_UNAVAILABLE for CUDA when its provider is not installed', async () => {
    await expect(
      createGradientSession(classifier(), {
        trainable: ['w'],
        executionProviders: ['cuda', 'cpu'],
      }),
    ).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
  });

  it('throws INVALID_BATCH for a missing input, a wrong type or a wrong length', async () => {
    const runner = await createGradientSession(classifier(), { trainable: ['w'] });
    await expect(runner.step({ x })).rejects.toMatchObject({
      code: 'INVALID_BATCH',
      message: expect.stringContaining("'labels'"),
    });
    await expect(
      runner.step({ x, labels: { data: Float32Array.from([1, 2]), dims: [2] } }),
    ).rejects.toMatchObject({ code: 'INVALID_BATCH' });
    await expect(
      runner.step({ x: { data: x.data, dims: [3, 3] }, labels: labels(0, 0) }),
    ).rejects.toMatchObject({ code: 'INVALID_BATCH' });
    await runner.dispose();
  });

  it('throws NON_FINITE_LOSS when every label is ignored', async () => {
    const runner = await createGradientSession(classifier(), { trainable: ['w'] });
    await expect(runner.step({ x, labels: labels(-100, -100) })).rejects.toMatchObject({
      code: 'NON_FINITE_LOSS',
    });
    await runner.dispose();
  });

  it('throws DISPOSED after dispose', async () => {
    const runner = await createGradientSession(classifier(), { trainable: ['w'] });
    await runner.dispose();
    await runner.dispose();
    await expect(runner.step({ x, labels: labels(0, 1) })).rejects.toMatchObject({
      code: 'DISPOSED',
    });
  });

  it('throws UNKNOWN_VALUE and INVALID_OPTION for bad trainable or loss options', async () => {
    await expect(
      createGradientSession(classifier(), { trainable: ['nope'] }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_VALUE' });
    await expect(
      createGradientSession(classifier(), { trainable: () => false }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    const g = classifier();
    g.outputs.push({ name: 'logits', type: 'float32' });
    g.outputs = g.outputs.filter((o) => o.name !== 'loss');
    g.outputs.push({ name: 'other', type: 'float32' });
    await expect(createGradientSession(g, { trainable: ['w'] })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });

  it('throws MODEL_LOAD_FAILED when onnxruntime rejects the graph', async () => {
    const g = classifier();
    g.nodes.unshift({
      name: 'bad',
      opType: 'NoSuchOp',
      domain: '',
      inputs: ['x'],
      outputs: ['junk'],
      attributes: {},
    });
    g.outputs.push({ name: 'junk', type: 'float32' });
    await expect(
      createGradientSession(g, { trainable: ['w'], loss: 'loss', keepOutputs: ['junk'] }),
    ).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
  });
});
