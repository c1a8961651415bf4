import {
  addClassificationHead,
  addSoftmaxCrossEntropyLoss,
  buildBert,
  createGradientSession,
} from '@nlpft/onnx';
import type { BatchTensor } from '@nlpft/onnx';
import { describe, expect, it } from 'vitest';
import { bits, referenceAdamUpdate } from './adam-reference-loop.test-helper';
import { clipGradNorm } from './clip-grad';
import { freezeBottomLayers, fullFineTuning, gradualUnfreezing } from './freeze-plan';
import { OnnxTrainable } from './onnx-trainable';
import { AdamW } from './optimizer';
import { SeededRng } from './seeded-rng';
import { Trainer } from './trainer';

interface Ex {
  ids: number[];
  label: number;
}
const S = 8;
function collate(examples: readonly Ex[]): Record<string, BatchTensor> {
  const n = examples.length;
  return {
    input_ids: {
      data: BigInt64Array.from(examples.flatMap((e) => e.ids.map(BigInt))),
      dims: [n, S],
    },
    attention_mask: { data: new BigInt64Array(n * S).fill(1n), dims: [n, S] },
    token_type_ids: { data: new BigInt64Array(n * S), dims: [n, S] },
    labels: { data: BigInt64Array.from(examples.map((e) => BigInt(e.label))), dims: [n] },
  };
}
// Label 1 when the sequence contains token 7.
const r = new SeededRng(3);
const data: Ex[] = Array.from({ length: 32 }, (_, i) => {
  const ids = Array.from({ length: S }, () => 10 + r.int(40));
  if (i % 2 === 1) ids[r.int(S)] = 7;
  return { ids, label: i % 2 };
});
function classifier() {
  const g = addClassificationHead(
    buildBert(
      {
        vocabSize: 60,
        hidden: 16,
        layers: 2,
        heads: 2,
        intermediate: 32,
        maxPositions: 16,
        hiddenDropout: 0.1,
        attentionDropout: 0,
      },
      { seed: 1 },
    ),
    { numLabels: 2, pooling: 'mean', dropout: 0.1 },
  );
  addSoftmaxCrossEntropyLoss(g, 'logits');
  return g;
}
function model(device: 'cpu' | 'cuda' = 'cpu') {
  return OnnxTrainable.create(classifier(), { collate, intraOpNumThreads: 1, device });
}

describe('OnnxTrainable (autodiff backend)', () => {
  it('full fine-tuning lowers the loss; partial fine-tuning gives gradients only for trainable tensors', async () => {
    const m = model();
    const names = Object.keys(m.params);
    expect(names).toContain('classifier.weight');
    const trainer = new Trainer({
      model: m,
      optimizer: new AdamW(m.params, { learningRate: 3e-3 }),
      train: data,
      seed: 1,
      batchSize: 8,
      epochs: 10,
      logSteps: 4,
      freezePlan: fullFineTuning(names),
    });
    const res = await trainer.train();
    const losses = res.log.flatMap((e) => (e.type === 'train' ? [e.loss] : []));
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.7);
    const { data: logits, dims } = await m.forward(data);
    expect(dims).toEqual([32, 2]);
    const acc =
      data.filter((e, i) => Number(logits[i * 2 + 1]! > logits[i * 2]!) === e.label).length /
      data.length;
    expect(acc).toBeGreaterThan(0.6);
    await expect(m.forward(data, 'nope')).rejects.toThrow(/no output 'nope'/);
    // A snapshot runs many batches on one session; its loss is the mean cross-entropy of its logits.
    const snap = await m.snapshot(['logits', 'loss']);
    const half = await snap.run(data.slice(0, 16));
    await snap.dispose();
    expect(Array.from(half['logits']!.data)).toEqual(Array.from(logits.subarray(0, 32)));
    let ce = 0;
    for (let i = 0; i < 16; i++) {
      const [a, b] = [logits[i * 2]!, logits[i * 2 + 1]!];
      const lse = Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
      ce += lse - (data[i]!.label === 1 ? b : a);
    }
    expect(half['loss']!.data[0]).toBeCloseTo(ce / 16, 5);
    // The exported graph carries the trained values.
    const exported = m.toGraph().initializers.get('classifier.weight')!.data as Float32Array;
    expect(Array.from(exported)).toEqual(Array.from(m.params['classifier.weight']!));
    await m.dispose();

    const p = model();
    const plan = freezeBottomLayers(Object.keys(p.params), 1);
    const trainable = new Set(plan.trainableAt(0));
    expect(
      trainable.has('encoder.layer.1.attention.self.query.weight') ||
        [...trainable].some((n) => n.includes('layer.1.')),
    ).toBe(true);
    const { grads, loss } = await p.computeGradients(data.slice(0, 8), {
      step: 0,
      trainable,
      rng: new SeededRng(1),
    });
    expect(Number.isFinite(loss)).toBe(true);
    expect(new Set(Object.keys(grads))).toEqual(trainable);
    const frozen = Object.keys(p.params).filter((n) => !trainable.has(n));
    expect(frozen.some((n) => n.includes('embeddings'))).toBe(true);
    const before = Object.fromEntries(frozen.map((n) => [n, p.params[n]!.slice()]));
    await new Trainer({
      model: p,
      optimizer: new AdamW(p.params, { learningRate: 1e-2 }),
      train: data,
      seed: 2,
      batchSize: 8,
      maxSteps: 3,
      freezePlan: plan,
    }).train();
    for (const n of frozen) expect(p.params[n]).toEqual(before[n]);
    await p.dispose();
  }, 120_000);

  it('trains to the same parameters, bit for bit, as the copying path it replaced', async () => {
    // The path before parameters were shared: a runner over copied parameters with onnxruntime's memory pattern
    // on, fresh gradient sums, and the per-element Adam loop; driven by hand the way the Trainer drove it.
    const graph = classifier();
    const names = [...graph.initializers.values()]
      .filter((t) => t.type === 'float32')
      .map((t) => t.name);
    const runner = await createGradientSession(graph, {
      trainable: names,
      intraOpNumThreads: 1,
      memoryPattern: true,
    });
    const rng = new SeededRng(5);
    const state = new Map(
      names.map((n) => {
        const size = runner.parameters.get(n)!.length;
        const zeros = () => new Float32Array(size);
        return [n, { m: zeros(), v: zeros(), vmax: zeros() }] as const;
      }),
    );
    const steps = 4;
    const refLosses: number[] = [];
    for (let step = 0; step < steps; step++) {
      const r = await runner.step(collate(data.slice(step * 8, step * 8 + 8)), {
        dropoutSeed: rng.next(),
      });
      refLosses.push(r.loss);
      const sum: Record<string, Float32Array> = {};
      for (const n of names) {
        const g = r.gradients.get(n) as Float32Array;
        const s = (sum[n] = new Float32Array(g.length));
        for (let i = 0; i < g.length; i++) s[i] = s[i]! + g[i]! / 1;
      }
      clipGradNorm(sum, Infinity);
      for (const n of names) {
        referenceAdamUpdate(
          runner.parameters.get(n) as Float32Array,
          sum[n]!,
          state.get(n)!,
          {
            lr: 1e-2,
            wd: 0.01,
            b1: 0.9,
            b2: 0.999,
            eps: 1e-8,
            amsgrad: false,
            biasCorrection: true,
            decoupled: true,
            maximize: false,
          },
          step + 1,
        );
      }
    }
    await runner.dispose();

    const m = OnnxTrainable.create(classifier(), { collate, intraOpNumThreads: 1 });
    const res = await new Trainer({
      model: m,
      optimizer: new AdamW(m.params, { learningRate: 1e-2 }),
      train: data,
      seed: 5,
      batchSize: 8,
      maxSteps: steps,
      shuffle: false,
      logSteps: 1,
    }).train();
    expect(res.log.flatMap((e) => (e.type === 'train' ? [e.loss] : []))).toEqual(refLosses);
    for (const n of names)
      expect(bits(m.params[n]!), n).toEqual(bits(runner.parameters.get(n) as Float32Array));
    expect(m.sessions).toBe(1);
    await m.dispose();
  }, 120_000);

  it.each([3, 1])(
    'sums into the gradients it hands over: the same bits as summing into buffers of its own (accumulation %i)',
    async (accum) => {
      // With `gradsTransferred` the Trainer adopts onnxruntime's gradient arrays as the sums; without it (the path
      // before) it copies them into one zeroed buffer per parameter. Accumulation over 3 micro-batches with a short
      // last group at each epoch end (4 per epoch), or none (the norm then comes from the adopting pass's Σ g²),
      // dropout on and clipping that scales the sums in place.
      const run = async (handOver: boolean) => {
        const m = model();
        const grads0 = await m.computeGradients(data.slice(0, 8), {
          step: 0,
          trainable: new Set(Object.keys(m.params)),
          rng: new SeededRng(9),
        });
        expect(grads0.gradsTransferred).toBe(true);
        const buffers = new Set(Object.values(grads0.grads).map((g) => g.buffer));
        expect(buffers.size).toBe(Object.keys(grads0.grads).length);
        const backend = handOver
          ? m
          : {
              params: m.params,
              computeGradients: async (...args: Parameters<typeof m.computeGradients>) => {
                const { loss, grads } = await m.computeGradients(...args);
                return { loss, grads };
              },
            };
        const res = await new Trainer({
          model: backend,
          optimizer: new AdamW(m.params, { learningRate: 1e-2 }),
          train: data,
          seed: 6,
          batchSize: 8,
          gradientAccumulationSteps: accum,
          maxGradNorm: 0.5,
          maxSteps: 4,
          logSteps: 1,
        }).train();
        await m.dispose();
        return { params: m.params, log: res.log };
      };
      const adopted = await run(true);
      const copied = await run(false);
      expect(adopted.log).toEqual(copied.log);
      expect(adopted.log.some((e) => e.type === 'train' && e.gradNorm > 0.5)).toBe(true);
      for (const n of Object.keys(copied.params))
        expect(bits(adopted.params[n]!), n).toEqual(bits(copied.params[n]!));
    },
    120_000,
  );

  it('gradient checkpointing gives the plain gradients within 1e-6, dropout on, and trains to the same parameters', async () => {
    const run = async (gradientCheckpointing: boolean) => {
      const m = OnnxTrainable.create(classifier(), {
        collate,
        intraOpNumThreads: 1,
        gradientCheckpointing,
      });
      const { loss, grads } = await m.computeGradients(data.slice(0, 8), {
        step: 0,
        trainable: new Set(Object.keys(m.params)),
        rng: new SeededRng(9),
      });
      await new Trainer({
        model: m,
        optimizer: new AdamW(m.params, { learningRate: 1e-2 }),
        train: data,
        seed: 6,
        batchSize: 8,
        maxSteps: 3,
      }).train();
      await m.dispose();
      return { loss, grads, params: m.params };
    };
    const plain = await run(false);
    const recomputed = await run(true);
    expect(Math.abs(recomputed.loss - plain.loss)).toBeLessThan(1e-6);
    let largest = 0;
    for (const [n, g] of Object.entries(plain.grads)) {
      const h = recomputed.grads[n]!;
      expect(h.length, n).toBe(g.length);
      for (let i = 0; i < g.length; i++) largest = Math.max(largest, Math.abs(h[i]! - g[i]!));
    }
    expect(largest).toBeLessThan(1e-6);
    // The gradients are not all zero, so the comparison says something.
    expect(Object.values(plain.grads).some((g) => g.some((x) => Math.abs(x) > 1e-4))).toBe(true);
    // Attention key biases are left out: their true gradient is exactly 0 (softmax ignores a shift along each
    // query's row), so what backward gives is rounding noise, which Adam's m/√v scales up to a step of its own.
    for (const [n, p] of Object.entries(plain.params)) {
      if (n.endsWith('.key.bias')) continue;
      for (let i = 0; i < p.length; i++)
        expect(Math.abs(recomputed.params[n]![i]! - p[i]!), n).toBeLessThan(1e-6);
    }
  }, 120_000);

  it('gradual unfreezing opens one session per stage and the trained values carry over', async () => {
    const m = model();
    const plan = gradualUnfreezing(Object.keys(m.params), { stepsPerStage: 2, numLayers: 2 });
    await new Trainer({
      model: m,
      optimizer: new AdamW(m.params, { learningRate: 1e-2 }),
      train: data,
      seed: 3,
      batchSize: 8,
      maxSteps: 6,
      freezePlan: plan,
    }).train();
    expect(m.sessions).toBe(3);
    await expect(
      m.computeGradients(data.slice(0, 2), {
        step: 4,
        trainable: new Set(),
        rng: new SeededRng(1),
      }),
    ).rejects.toThrow(/step 4: no parameter/);
    const ignored = data.slice(0, 2).map((e) => ({ ...e, label: -100 }));
    const err = await m
      .computeGradients(ignored, {
        step: 7,
        trainable: new Set(['classifier.bias']),
        rng: new SeededRng(1),
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NON_FINITE_LOSS', name: 'TrainingError' });
    expect((err as Error).message).toMatch(/^step 7:/);
    await expect(
      m.computeGradients(data.slice(0, 2), {
        step: 0,
        trainable: new Set(['nope']),
        rng: new SeededRng(1),
      }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_PARAMETER' });
    await m.dispose();
  }, 120_000);

  it('runs training and inference on the device it is given: cuda without the provider is a typed error', async () => {
    const m = model('cuda');
    const context = { step: 0, trainable: new Set(Object.keys(m.params)), rng: new SeededRng(0) };
    // No machine here has the CUDA provider libraries (they come from outside the npm registry).
    await expect(m.computeGradients(data.slice(0, 2), context)).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
    await expect(m.forward(data.slice(0, 2))).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
    const cpu = model('cpu');
    expect((await cpu.computeGradients(data.slice(0, 2), context)).loss).toBeGreaterThan(0);
  });
});
