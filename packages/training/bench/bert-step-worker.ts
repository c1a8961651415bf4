/**
 * One side of bench/bert-base-step.ts: builds a BERT sequence classifier with @nlpft/onnx's builder, then runs
 * `STEPS` Trainer steps (forward + backward through OnnxTrainable, AdamW update) and prints one JSON line with
 * the wall / CPU time of each phase and the memory after set-up and after each step. Run in its own process so
 * its peak RSS (VmHWM) is its own.
 *
 *   CONFIG='{"layers":4,"hidden":256,...}' npx tsx bench/bert-step-worker.ts [weights-dir]
 *
 * It trains the built package (`@nlpft/training`'s dist): build it first.
 *
 * With `weights-dir`, the initial parameters are also written there (`manifest.json` + one raw float32 file)
 * for the PyTorch twin, bench/torch_bert_classifier.py.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addClassificationHead, addSoftmaxCrossEntropyLoss, buildBert } from '@nlpft/onnx';
import type { BatchTensor } from '@nlpft/onnx';
// The built package, as an application runs it (bert-base-step.ts transpiles this file and runs it without a
// TypeScript loader, whose own memory would be counted in the peak).
import { AdamW, OnnxTrainable, Trainer } from '@nlpft/training';
import { benchBatch, memory } from './bert-bench-data';
import type { BenchConfig, MemorySample } from './bert-bench-data';

function writeWeights(
  dir: string,
  params: Record<string, Float32Array>,
  dims: Map<string, readonly number[]>,
  batch: Record<string, BatchTensor>,
) {
  mkdirSync(dir, { recursive: true });
  const entries = Object.entries(params);
  const total = entries.reduce((a, [, v]) => a + v.length, 0);
  const all = new Float32Array(total);
  const manifest: { name: string; dims: readonly number[]; offset: number }[] = [];
  let offset = 0;
  for (const [name, v] of entries) {
    all.set(v, offset);
    manifest.push({ name, dims: dims.get(name)!, offset });
    offset += v.length;
  }
  writeFileSync(join(dir, 'weights.f32'), all);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const ints = (name: string) => Array.from(batch[name]!.data as BigInt64Array, Number);
  writeFileSync(
    join(dir, 'batch.json'),
    JSON.stringify({ input_ids: ints('input_ids'), labels: ints('labels') }),
  );
}

/**
 * The classifier under test. Built in its own function so that the builder's graph (its own copy of the weights)
 * is garbage once OnnxTrainable has copied the parameters, as in an application that loads a model and trains it.
 */
function classifier(cfg: BenchConfig) {
  const encoder = buildBert(
    {
      vocabSize: cfg.vocab,
      hidden: cfg.hidden,
      layers: cfg.layers,
      heads: cfg.heads,
      intermediate: cfg.inter,
      maxPositions: 512,
      hiddenDropout: 0,
      attentionDropout: 0,
    },
    { seed: 0 },
  );
  const graph = addClassificationHead(encoder, { numLabels: cfg.labels, dropout: 0, seed: 1 });
  addSoftmaxCrossEntropyLoss(graph, 'logits');
  const batch = benchBatch(cfg);
  const model = OnnxTrainable.create(graph, {
    collate: () => batch,
    dropout: false,
    gradientCheckpointing: cfg.checkpoint === true,
    intraOpNumThreads: cfg.threads,
  });
  const dims = new Map([...graph.initializers].map(([k, t]) => [k, [...t.dims]] as const));
  return { model, dims };
}

async function main(): Promise<void> {
  const cfg = JSON.parse(process.env['CONFIG'] ?? '{}') as BenchConfig;
  const weightsDir = process.argv[2];
  const t0 = performance.now();
  const batch = benchBatch(cfg);
  const { model, dims } = classifier(cfg);
  if (weightsDir !== undefined) writeWeights(weightsDir, model.params, dims, batch);
  const optimizer = new AdamW(model.params, { learningRate: 2e-5, weightDecay: 0.01 });
  const parameterCount = Object.values(model.params).reduce((a, v) => a + v.length, 0);
  const setupSeconds = (performance.now() - t0) / 1000;
  const afterSetup = memory();

  // Time each phase from the outside: forward + backward (computeGradients) and the AdamW update.
  const phases: { grads: number[]; update: number[]; gradsCpu: number[]; losses: number[] } = {
    grads: [],
    update: [],
    gradsCpu: [],
    losses: [],
  };
  const timed = {
    params: model.params,
    async computeGradients(...args: Parameters<typeof model.computeGradients>) {
      const w = performance.now();
      const c = process.cpuUsage();
      const r = await model.computeGradients(...args);
      const dc = process.cpuUsage(c);
      phases.grads.push((performance.now() - w) / 1000);
      phases.gradsCpu.push((dc.user + dc.system) / 1e6);
      phases.losses.push(r.loss);
      return r;
    },
  };
  const step = optimizer.step.bind(optimizer);
  optimizer.step = (grads) => {
    const w = performance.now();
    step(grads);
    phases.update.push((performance.now() - w) / 1000);
  };
  const steps: { wall: number; cpu: number; memory: MemorySample }[] = [];
  let w = performance.now();
  let c = process.cpuUsage();
  await new Trainer({
    model: timed,
    optimizer,
    train: Array.from({ length: cfg.batch * cfg.steps }, (_, i) => i),
    batchSize: cfg.batch,
    maxSteps: cfg.steps,
    shuffle: false,
    logSteps: 1_000_000,
    onStep: () => {
      const dc = process.cpuUsage(c);
      steps.push({
        wall: (performance.now() - w) / 1000,
        cpu: (dc.user + dc.system) / 1e6,
        memory: memory(),
      });
      w = performance.now();
      c = process.cpuUsage();
    },
  }).train();
  await model.dispose();
  console.log(
    JSON.stringify({
      side: 'nlpft',
      parameterCount,
      setupSeconds,
      afterSetup,
      steps,
      phases,
      peak: memory().hwm,
    }),
  );
}

await main();
