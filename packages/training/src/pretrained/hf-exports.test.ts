import { join } from 'node:path';
import {
  addCausalLmLoss,
  addFlTuning,
  addLora,
  addPrefixTuning,
  addSoftmaxCrossEntropyLoss,
  createGradientSession,
  graphFromModel,
  graphToModel,
  insertAdapters,
  mapModelStructure,
  readModel,
  readModelFile,
  writeModel,
} from '@nlpft/onnx';
import type { BatchTensor, Graph } from '@nlpft/onnx';
import { describe, expect, it } from 'vitest';
import { TrainingError } from '../errors';
import {
  freezeAllButHead,
  freezeBottomLayers,
  fullFineTuning,
  gradualUnfreezing,
} from '../freeze-plan';
import { OnnxTrainable } from '../onnx-trainable';
import { AdamW } from '../optimizer';
import { layerwiseLrDecayGroups, weightDecayGroups } from '../param-groups';
import { SeededRng } from '../seeded-rng';
import { fromPretrained } from './from-pretrained';
import { ARCHITECTURES, OPSETS, loadFixture, relativeError } from './hf-fixtures.test-helper';
import type { Architecture, Fixture } from './hf-fixtures.test-helper';

// Fixtures: scripts/export_hf_fixtures.py (torch 1.13 exports with HF module names, constant folding, eval mode).
// The documented placement of each architecture's state-dict keys (README "Your Hugging Face model").
const BODY: Record<
  Architecture,
  {
    embeddings: RegExp;
    layer: (i: number) => string;
    top?: RegExp;
    head: string[];
    dropoutNodes: number;
  }
> = {
  bert: {
    embeddings: /^bert\.embeddings\./,
    layer: (i) => `bert.encoder.layer.${i}.`,
    top: /^bert\.pooler\./,
    head: ['classifier.weight', 'classifier.bias'],
    // embeddings + 2 layers × (probabilities, attention output, FFN output) + before the classifier
    dropoutNodes: 1 + 2 * 3 + 1,
  },
  distilbert: {
    embeddings: /^distilbert\.embeddings\./,
    layer: (i) => `distilbert.transformer.layer.${i}.`,
    head: ['pre_classifier.weight', 'pre_classifier.bias', 'classifier.weight', 'classifier.bias'],
    dropoutNodes: 1 + 2 * 2 + 1,
  },
  roberta: {
    embeddings: /^roberta\.embeddings\./,
    layer: (i) => `roberta.encoder.layer.${i}.`,
    head: [
      'classifier.dense.weight',
      'classifier.dense.bias',
      'classifier.out_proj.weight',
      'classifier.out_proj.bias',
    ],
    dropoutNodes: 1 + 2 * 3 + 2,
  },
  electra: {
    embeddings: /^electra\.embeddings\./,
    layer: (i) => `electra.encoder.layer.${i}.`,
    head: [
      'classifier.dense.weight',
      'classifier.dense.bias',
      'classifier.out_proj.weight',
      'classifier.out_proj.bias',
    ],
    dropoutNodes: 1 + 2 * 3 + 2,
  },
  gpt2: {
    embeddings: /^transformer\.(?:wte|wpe)\./,
    layer: (i) => `transformer.h.${i}.`,
    top: /^transformer\.ln_f\./,
    head: [], // the LM head is wte itself
    dropoutNodes: 1 + 2 * 3,
  },
};
const LAYERS = 2;

/** The documented layer of a torch key: embeddings 0, layer i → i + 1, top with the last layer, head undefined. */
function documentedLayer(arch: Architecture, key: string): number | undefined {
  const b = BODY[arch];
  if (b.embeddings.test(key)) return 0;
  for (let i = 0; i < LAYERS; i++) if (key.startsWith(b.layer(i))) return i + 1;
  if (b.top?.test(key)) return LAYERS;
  if (b.head.includes(key)) return undefined;
  throw new Error(`test table does not place '${key}'`);
}

function withLoss(graph: Graph, arch: Architecture): Graph {
  const g = graph.clone();
  if (arch === 'gpt2') addCausalLmLoss(g, 'logits');
  else addSoftmaxCrossEntropyLoss(g, 'logits');
  return g;
}

async function logitsOf(graph: Graph, fixture: Fixture): Promise<Float32Array> {
  const model = OnnxTrainable.create(graph, { collate: () => fixture.feeds(), dropout: false });
  return (await model.forward([0])).data;
}

const cases = ARCHITECTURES.flatMap((arch) => OPSETS.map((opset) => ({ arch, opset })));

describe.each(cases)('fromPretrained on a $arch export at opset $opset', ({ arch, opset }) => {
  const fixture = loadFixture(`${arch}-opset${opset}`);
  const ref = fixture.reference;
  const torchParams = ref.parameters.map((p) => p.name);

  it('keys every initializer as the state dict does, folded onnx::MatMul_* weights included', () => {
    const raw = graphFromModel(readModelFile(join(fixture.dir, 'onnx', 'model.onnx')));
    const map = mapModelStructure(raw);
    const parameterKeys = new Set([...torchParams, ...Object.keys(ref.tied ?? {})]);
    let folded = 0;
    for (const row of ref.initializers) {
      const place = map.parameters.get(row.name);
      const keys = row.keys ?? (row.key === null ? [] : [row.key]);
      if (!keys.some((k) => parameterKeys.has(k))) {
        // Buffers (position ids, causal masks) and folded constants are not parameters.
        expect(place, row.name).toBeUndefined();
        continue;
      }
      expect(place, row.name).toBeDefined();
      expect(keys, row.name).toContain(place!.key);
      expect(place!.transposed, row.name).toBe(row.transposed);
      if (row.name.startsWith('onnx::MatMul_')) folded++;
    }
    expect(folded).toBeGreaterThan(0);
  });

  it('restores the state dict: one tensor per torch parameter, in torch layout, and the same logits', async () => {
    const model = fromPretrained(fixture.dir, { dropout: false });
    expect(model.config.modelType).toBe(arch);
    expect([...model.parameterNames].sort()).toEqual([...torchParams].sort());
    for (const p of ref.parameters)
      expect(model.graph.initializers.get(p.name)!.dims, p.name).toEqual(p.dims);
    for (const name of model.parameterNames)
      expect(model.structure.layerOf(name), name).toBe(documentedLayer(arch, name));
    const logits = await logitsOf(model.graph, fixture);
    expect(relativeError(logits, fixture.blob(ref.logits))).toBeLessThan(1e-5);
    expect(model.tokenizer?.encode('hello').ids.length).toBeGreaterThan(0);
  });

  it('gives every strategy its documented trainable set, per tensor', () => {
    const model = fromPretrained(fixture.dir, { dropout: false });
    const names = model.parameterNames;
    const s = model.structure;
    const layerOfKey = (k: string) => documentedLayer(arch, k);
    const where = (f: (l: number | undefined) => boolean) =>
      torchParams.filter((k) => f(layerOfKey(k))).sort();
    const sorted = (xs: readonly string[]) => [...xs].sort();
    expect(sorted(fullFineTuning(names).trainableAt(0))).toEqual(sorted(torchParams));
    if (BODY[arch].head.length > 0)
      expect(sorted(freezeAllButHead(names, s).trainableAt(0))).toEqual(sorted(BODY[arch].head));
    else expect(() => freezeAllButHead(names, s)).toThrow(TrainingError);
    expect(sorted(freezeBottomLayers(names, 1, { structure: s }).trainableAt(0))).toEqual(
      where((l) => l === undefined || l > 1),
    );
    const gradual = gradualUnfreezing(names, { stepsPerStage: 10, structure: s });
    for (let stage = 0; stage <= LAYERS + 1; stage++)
      expect(sorted(gradual.trainableAt(stage * 10)), `stage ${stage}`).toEqual(
        where((l) => l === undefined || l >= LAYERS + 1 - stage),
      );
    const lr = new Map<string, number>();
    for (const g of layerwiseLrDecayGroups(names, { learningRate: 1e-3, decay: 0.5, structure: s }))
      for (const n of g.params) lr.set(n, g.learningRate!);
    for (const k of torchParams)
      expect(lr.get(k), k).toBeCloseTo(
        1e-3 * 0.5 ** (LAYERS + 1 - (layerOfKey(k) ?? LAYERS + 1)),
        12,
      );
    const noDecay = weightDecayGroups(names, { weightDecay: 0.01, graph: model.graph }).find(
      (g) => g.weightDecay === 0,
    )!;
    expect(sorted(noDecay.params)).toEqual(sorted(ref.adamw.no_decay));
  });

  it('puts adapters and LoRA at every layer’s sites, starting as the identity', async () => {
    const model = fromPretrained(fixture.dir, { dropout: false });
    const { graph: adapted, adapters } = insertAdapters(model.graph, {
      bottleneck: 4,
      structure: model.structure,
    });
    expect(adapters).toHaveLength(2 * LAYERS);
    const adaptedMap = mapModelStructure(adapted);
    const added = [...adaptedMap.parameters.keys()].filter(
      (n) => !model.parameterNames.includes(n),
    );
    expect(added).toHaveLength(8 * LAYERS);
    const layerPattern = BODY[arch].layer(0).replace(/\./g, '\\.').replace('\\.0\\.', '\\.\\d+\\.');
    for (const n of added)
      expect(n).toMatch(
        new RegExp(`^${layerPattern}adapter\\.(attention|ffn)\\.(down|up)\\.(weight|bias)$`),
      );
    expect(relativeError(await logitsOf(adapted, fixture), fixture.blob(ref.logits))).toBeLessThan(
      1e-5,
    );
    const { graph: lora, adapters: low } = addLora(model.graph, {
      matMuls: [...new Set(model.structure.layers.flatMap((l) => [l.query, l.value]))],
      rank: 2,
    });
    expect(low).toHaveLength(arch === 'gpt2' ? LAYERS : 2 * LAYERS); // GPT-2: one fused c_attn
    for (const a of low) expect(mapModelStructure(lora).parameters.get(a.b)!.part).toBe('layer');
    expect(relativeError(await logitsOf(lora, fixture), fixture.blob(ref.logits))).toBeLessThan(
      1e-5,
    );
  });

  it('prefix-tunes every layer, prefixes always visible, padding still masked and GPT-2 still causal', async () => {
    const model = fromPretrained(fixture.dir, { dropout: false });
    const { graph, prefixes } = addPrefixTuning(model.graph, {
      prefixLength: 2,
      structure: model.structure,
      heads: model.config.numHeads,
      std: 0.5,
    });
    expect(prefixes).toHaveLength(LAYERS);
    const map = mapModelStructure(graph);
    for (const p of prefixes) expect(map.parameters.get(p.key)!.part).toBe('layer');
    const run = async (feeds: Record<string, BatchTensor>) => {
      const t = OnnxTrainable.create(graph, { collate: () => feeds, dropout: false });
      return (await t.forward([0])).data;
    };
    const base = await run(fixture.feeds());
    expect(relativeError(base, fixture.blob(ref.logits))).toBeGreaterThan(1e-3); // the prefixes matter
    // Change tokens the model must not see: padded positions (classifiers) or a later position (GPT-2).
    const feeds = fixture.feeds();
    const ids = feeds['input_ids']!.data as BigInt64Array;
    const mask = ref.batch['attention_mask']!;
    const seq = mask[0]!.length;
    const changed: number[] = [];
    if (arch === 'gpt2') changed.push(seq - 1);
    else mask.forEach((row, r) => row.forEach((m, c) => m === 0 && changed.push(r * seq + c)));
    expect(changed.length).toBeGreaterThan(0);
    for (const i of changed) ids[i] = ids[i] === 5n ? 6n : 5n;
    const after = await run(feeds);
    if (arch === 'gpt2') {
      const vocab = model.config.vocabSize;
      // Row 0, positions 0 … seq − 2 cannot see position seq − 1.
      expect(
        relativeError(after.slice(0, (seq - 1) * vocab), base.slice(0, (seq - 1) * vocab)),
      ).toBeLessThan(1e-6);
      expect(relativeError(after, base)).toBeGreaterThan(0);
    } else expect(relativeError(after, base)).toBeLessThan(1e-6);
    const runner = await createGradientSession(withLoss(graph, arch), {
      trainable: prefixes.flatMap((p) => [p.key, p.value]),
      dropout: false,
    });
    const { gradients } = await runner.step(fixture.feeds());
    await runner.dispose();
    for (const p of prefixes)
      for (const n of [p.key, p.value])
        expect(Math.max(...Array.from(gradients.get(n)!, Math.abs)), n).toBeGreaterThan(0);
  });

  it('computes torch’s gradients and its first three AdamW steps', async () => {
    const model = fromPretrained(fixture.dir, { dropout: false });
    const graph = withLoss(model.graph, arch);
    const trainable = OnnxTrainable.create(graph, {
      collate: () => fixture.feeds(),
      dropout: false,
    });
    const names = model.parameterNames;
    const context = { step: 0, trainable: new Set(names), rng: new SeededRng(0) };
    const first = await trainable.computeGradients([0], context);
    expect(first.loss).toBeCloseTo(ref.loss, 5);
    let modelScale = 0;
    for (const g of ref.grads)
      for (const v of fixture.blob(g)) modelScale = Math.max(modelScale, Math.abs(v));
    for (const g of ref.grads) {
      // A gradient that is zero by math (attention key biases) is measured against the model's scale instead.
      expect(
        relativeError(first.grads[g.name]!, fixture.blob(g), 1e-3 * modelScale),
        g.name,
      ).toBeLessThan(1e-4);
    }
    const optimizer = new AdamW(trainable.params, {
      learningRate: 1e-3,
      eps: 1e-8,
      groups: weightDecayGroups(names, { weightDecay: 0.01, graph: model.graph }),
    });
    for (let step = 0; step < 3; step++) {
      const { loss, grads } = await trainable.computeGradients([0], { ...context, step });
      expect(loss, `loss before step ${step}`).toBeCloseTo(ref.adamw.losses_before_step[step]!, 5);
      optimizer.step(grads);
    }
    // Elements whose gradient is zero by math (the attention key bias: softmax ignores a per-row shift) carry only
    // float32 round-off (~1e-9 here, 0 in torch's float64), which Adam scales up to a step of up to lr: they are
    // held to Adam's bound of lr per step; every other element to 1e-4 of its tensor's scale.
    const gradOf = new Map(ref.grads.map((g) => [g.name, fixture.blob(g)]));
    const roundOff = new Set<string>();
    for (const p of ref.adamw.params_after) {
      const torch = fixture.blob(p);
      const ours = trainable.params[p.name]!;
      const g0 = gradOf.get(p.name)!;
      const keep = (i: number) => Math.abs(g0[i]!) > 1e-9 * modelScale;
      const idx = [...torch.keys()];
      for (const i of idx.filter((i) => !keep(i))) {
        // Unused embedding rows and dead ReLU units are exactly 0 in both; round-off is not.
        if (first.grads[p.name]![i] !== 0) roundOff.add(p.name);
        expect(Math.abs(ours[i]! - torch[i]!), `${p.name}[${i}]`).toBeLessThanOrEqual(
          3 * 1e-3 * (1 + 1e-6),
        );
      }
      const rest = idx.filter(keep);
      const err = relativeError(
        rest.map((i) => ours[i]!),
        rest.map((i) => torch[i]!),
      );
      expect(err, p.name).toBeLessThan(1e-4);
    }
    // Round-off lies only in the key biases (GPT-2: the key third of c_attn's bias).
    expect(
      [...roundOff].every((n) => /(?:self\.key|k_lin|c_attn)\.bias$/.test(n)),
      [...roundOff].join(),
    ).toBe(true);
    await trainable.dispose();
  });

  it('inserts the architecture’s dropout, seeded, moving the loss as torch’s training mode does', async () => {
    const model = fromPretrained(fixture.dir);
    expect(model.dropoutNodes).toBe(BODY[arch].dropoutNodes);
    const graph = withLoss(model.graph, arch);
    const one = model.parameterNames.at(-1)!;
    const runner = await createGradientSession(graph, { trainable: [one], dropout: true });
    const losses: number[] = [];
    const n = 200;
    for (let s = 0; s < n; s++)
      losses.push((await runner.step(fixture.feeds(), { dropoutSeed: (s + 0.5) / n })).loss);
    const again = (await runner.step(fixture.feeds(), { dropoutSeed: 0.5 / n })).loss;
    await runner.dispose();
    expect(again).toBe(losses[0]); // same seed, same masks
    const mean = losses.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(losses.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    const t = ref.dropout;
    const se = Math.sqrt(sd ** 2 / n + t.std ** 2 / t.values.length);
    expect(Math.abs(mean - t.mean)).toBeLessThan(4 * se);
    expect(sd / t.std).toBeGreaterThan(0.7);
    expect(sd / t.std).toBeLessThan(1.4);
    expect(Math.abs(t.mean - t.eval_loss)).toBeGreaterThan(0); // dropout does move torch's loss
  });
});

describe('GPT-2’s tied LM head', () => {
  it('is one tensor after fromPretrained and after writing the trained graph back', () => {
    const fixture = loadFixture('gpt2-opset17');
    const model = fromPretrained(fixture.dir, { dropout: false });
    const vocab = model.config.vocabSize;
    const tables = (g: Graph) =>
      [...g.initializers.values()]
        .filter((t) => t.dims.length === 2 && t.dims.includes(vocab))
        .map((t) => t.name);
    expect(tables(model.graph)).toEqual(['transformer.wte.weight']);
    expect(model.parameterNames).not.toContain('lm_head.weight');
    const written = graphFromModel(readModel(writeModel(graphToModel(model.graph))));
    expect(tables(written)).toEqual(['transformer.wte.weight']);
    expect(mapModelStructure(written).parameters.get('transformer.wte.weight')!.part).toBe(
      'embeddings',
    );
  });
});

describe('fromPretrained on body exports', () => {
  it.each(['bert-body', 'gpt2-body'])(
    'maps %s (last_hidden_state, keys without a task prefix)',
    async (name) => {
      const fixture = loadFixture(name);
      const model = fromPretrained(fixture.dir, { dropout: false });
      expect(model.task).toBe('feature-extraction');
      expect(model.structure.prefix).toBe('');
      expect(model.structure.head).toEqual([]);
      const expected = fixture.blob(
        (fixture.reference as unknown as { last_hidden_state: { offset: number; dims: number[] } })
          .last_hidden_state,
      );
      const feeds = fixture.feeds();
      const t = OnnxTrainable.create(model.graph, { collate: () => feeds, dropout: false });
      expect(
        relativeError((await t.forward([0], 'last_hidden_state')).data, expected),
      ).toBeLessThan(1e-5);
    },
  );
});

describe('FL-tuning on foreign exports', () => {
  /** Concatenates the new units into the FFN weights (torch layout, nn.Linear [out, in]): the paper's form. */
  function widened(
    g: Graph,
    prefix: string,
    up: string,
    down: string,
    w1: Float32Array,
    b1: Float32Array,
    w2: Float32Array,
    units: number,
  ): Graph {
    const out = g.clone();
    const get = (n: string) => out.initializers.get(`${prefix}${n}`)!;
    const W1 = get(`${up}.weight`); // [I, H]
    const [inter, hidden] = W1.dims as [number, number];
    const W1n = new Float32Array((inter + units) * hidden);
    W1n.set(W1.data as Float32Array);
    for (let u = 0; u < units; u++)
      for (let h = 0; h < hidden; h++) W1n[(inter + u) * hidden + h] = w1[h * units + u]!;
    out.initializers.set(W1.name, { ...W1, dims: [inter + units, hidden], data: W1n });
    const B1 = get(`${up}.bias`);
    out.initializers.set(B1.name, {
      ...B1,
      dims: [inter + units],
      data: Float32Array.from([...(B1.data as Float32Array), ...b1]),
    });
    const W2 = get(`${down}.weight`); // [H, I]
    const W2n = new Float32Array(hidden * (inter + units));
    for (let h = 0; h < hidden; h++) {
      for (let i = 0; i < inter; i++)
        W2n[h * (inter + units) + i] = (W2.data as Float32Array)[h * inter + i]!;
      for (let u = 0; u < units; u++) W2n[h * (inter + units) + inter + u] = w2[u * hidden + h]!;
    }
    out.initializers.set(W2.name, { ...W2, dims: [hidden, inter + units], data: W2n });
    return out;
  }

  it.each([
    ['bert-opset14', 'intermediate.dense', 'output.dense', 'gelu'],
    ['distilbert-opset17', 'ffn.lin1', 'ffn.lin2', 'gelu'],
    ['roberta-opset17', 'intermediate.dense', 'output.dense', 'gelu'],
  ] as const)(
    'on %s equals the FFN widened by the same units',
    async (name, up, down, activation) => {
      const fixture = loadFixture(name);
      const model = fromPretrained(fixture.dir, { dropout: false });
      const { graph, units } = addFlTuning(model.graph, {
        structure: model.structure,
        units: 3,
        activation,
        seed: 2,
      });
      expect(units).toHaveLength(LAYERS);
      // Unchanged at init (the output weights are zero)…
      expect(
        relativeError(await logitsOf(graph, fixture), fixture.blob(fixture.reference.logits)),
      ).toBeLessThan(1e-5);
      // …and with trained-looking output weights, the same function as concatenated units.
      let reference = model.graph;
      const rng = new SeededRng(9);
      for (const u of units) {
        const w2 = graph.initializers.get(u.outWeight)!;
        const data = Float32Array.from({ length: w2.data.length }, () => rng.normal() * 0.3);
        const b1 = Float32Array.from({ length: 3 }, () => rng.normal() * 0.1);
        graph.initializers.set(u.outWeight, { ...w2, data });
        graph.initializers.set(u.inBias, { ...graph.initializers.get(u.inBias)!, data: b1 });
        const w1 = graph.initializers.get(u.inWeight)!.data as Float32Array;
        reference = widened(
          reference,
          model.structure.layers[u.layer]!.prefix,
          up,
          down,
          w1,
          b1,
          data,
          3,
        );
      }
      const ours = await logitsOf(graph, fixture);
      expect(relativeError(ours, await logitsOf(reference, fixture))).toBeLessThan(1e-5);
      expect(relativeError(ours, fixture.blob(fixture.reference.logits))).toBeGreaterThan(1e-3);
      for (const u of units)
        expect(mapModelStructure(graph).layerOf(u.outWeight)).toBe(u.layer + 1);
    },
  );

  it('trains GPT-2’s units (gelu_new, Gemm FFN): gradients reach them, the model starts unchanged', async () => {
    const fixture = loadFixture('gpt2-opset17');
    const model = fromPretrained(fixture.dir, { dropout: false });
    const { graph, units } = addFlTuning(model.graph, {
      structure: model.structure,
      units: 4,
      activation: 'gelu_new',
    });
    expect(
      relativeError(await logitsOf(graph, fixture), fixture.blob(fixture.reference.logits)),
    ).toBeLessThan(1e-5);
    const runner = await createGradientSession(withLoss(graph, 'gpt2'), {
      trainable: units.flatMap((u) => [u.inWeight, u.inBias, u.outWeight]),
      dropout: false,
    });
    const { gradients } = await runner.step(fixture.feeds());
    await runner.dispose();
    for (const u of units)
      expect(Math.max(...Array.from(gradients.get(u.outWeight)!, Math.abs))).toBeGreaterThan(0);
  });
});
