// Seed instability on a small task: 10 seeds of BERTAdam (no bias correction, larger lr, no warmup) vs
// AdamW with warmup + linear decay, training a new MLP head over frozen tiny-BERT features of SpamAssassin mails.
// Run: cd packages/training && npx tsx scripts/seed-instability.ts   → figures/seed-spread.svg + a Markdown table.
import { readFileSync } from 'node:fs';
import { FeatureExtractor, createSession } from '@nlpft/inference';
import { accuracyScore } from '@nlpft/metrics';
import {
  addClassificationHead,
  addSoftmaxCrossEntropyLoss,
  graphFromModel,
  readModel,
} from '@nlpft/onnx';
import type { BatchTensor } from '@nlpft/onnx';
import { Tokenizer, trainWordPiece } from '@nlpft/tokenizers';
import {
  AdamW,
  BertAdam,
  ClassificationHead,
  OnnxTrainable,
  SeededRng,
  Trainer,
  cachedFeatures,
  constantSchedule,
  linearSchedule,
  runSeeds,
  writeSpreadSvg,
} from '../src/index';
import type { Optimizer, Params, Schedule, SeedReport } from '../src/index';
import { spamSplit } from './spam-assassin';

const { trainSet, testSet } = spamSplit();
const tokenizer = Tokenizer.fromString(
  JSON.stringify(
    await trainWordPiece(
      trainSet.map((e) => e.text),
      { vocabSize: 1000 },
    ),
  ),
);
const encoder = readFileSync(
  new URL('../../inference/fixtures/bert-tiny/model.onnx', import.meta.url),
);
const extractor = new FeatureExtractor(await createSession(encoder), tokenizer, {
  truncation: true,
  maxLength: 64,
});
const trainX = await cachedFeatures(
  extractor,
  trainSet.map((e) => e.text),
);
const testX = await cachedFeatures(
  extractor,
  testSet.map((e) => e.text),
);
const yTest = testSet.map((e) => e.label);
const majority =
  Math.max(yTest.filter((y) => y === 1).length, yTest.filter((y) => y === 0).length) / yTest.length;
const scale = ClassificationHead.standardizer(trainX);
const epochs = 10;
const batchSize = 16;
const total = epochs * Math.ceil(trainX.length / batchSize);

function recipe(make: (p: Params) => Optimizer, schedule: Schedule) {
  return async (seed: number) => {
    const rng = new SeededRng(seed);
    const head = new ClassificationHead(32, 2, rng, {
      hiddenSize: 64,
      dropout: 0.1,
      inputScale: scale,
    });
    const train = trainSet.map((e, i) => ({ features: trainX[i]!, label: e.label }));
    await new Trainer({
      model: head,
      optimizer: make(head.params),
      train,
      rng,
      batchSize,
      epochs,
      schedule,
    }).train();
    return { accuracy: accuracyScore(yTest, head.predict(testX)) };
  };
}
const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const bert = await runSeeds(
  recipe(
    (p) => new BertAdam(p, { learningRate: 3e-2, weightDecay: 0.01, maxGradNorm: 0 }),
    constantSchedule(),
  ),
  seeds,
  { metric: 'accuracy', majorityBaseline: majority },
);
const adamw = await runSeeds(
  recipe(
    (p) => new AdamW(p, { learningRate: 3e-3, weightDecay: 0.01 }),
    linearSchedule({ warmupSteps: Math.round(total * 0.1), totalSteps: total }),
  ),
  seeds,
  { metric: 'accuracy', majorityBaseline: majority },
);
// Second experiment: full fine-tuning of the whole tiny BERT (+ new classifier) through the ONNX autodiff backend.
const L = 48;
const encode = (t: string) => {
  const ids = tokenizer.encode(t).ids.slice(0, L);
  return { ids, len: ids.length };
};
const trainEnc = trainSet.map((e) => ({ ...encode(e.text), label: e.label }));
const testEnc = testSet.map((e) => ({ ...encode(e.text), label: e.label }));
type Enc = (typeof trainEnc)[number];
const collate = (ex: readonly Enc[]): Record<string, BatchTensor> => {
  const n = ex.length;
  const ids = new BigInt64Array(n * L);
  const mask = new BigInt64Array(n * L);
  ex.forEach((e, i) =>
    e.ids.forEach((id, j) => ((ids[i * L + j] = BigInt(id)), (mask[i * L + j] = 1n))),
  );
  return {
    input_ids: { data: ids, dims: [n, L] },
    attention_mask: { data: mask, dims: [n, L] },
    token_type_ids: { data: new BigInt64Array(n * L), dims: [n, L] },
    labels: { data: BigInt64Array.from(ex.map((e) => BigInt(e.label))), dims: [n] },
  };
};
const ftEpochs = 5;
const ftTotal = ftEpochs * Math.ceil(trainEnc.length / batchSize);
function fullRecipe(make: (p: Params) => Optimizer, schedule: Schedule) {
  return async (seed: number) => {
    const g = addClassificationHead(graphFromModel(readModel(encoder)), {
      numLabels: 2,
      pooling: 'mean',
      dropout: 0.1,
      keepHiddenOutput: false,
    });
    addSoftmaxCrossEntropyLoss(g, 'logits');
    const model = OnnxTrainable.create(g, { collate, intraOpNumThreads: 1 });
    const rng = new SeededRng(seed);
    const w = model.params['classifier.weight']!;
    for (let i = 0; i < w.length; i++) w[i] = rng.normal() * 0.02;
    await new Trainer({
      model,
      optimizer: make(model.params),
      train: trainEnc,
      rng,
      batchSize,
      epochs: ftEpochs,
      schedule,
      maxGradNorm: 1,
    }).train();
    await model.dispose();
    let correct = 0;
    for (let i = 0; i < testEnc.length; i += 32) {
      const batch = testEnc.slice(i, i + 32);
      const { data: logits } = await model.forward(batch);
      batch.forEach(
        (e, j) => (correct += Number((logits[j * 2 + 1]! > logits[j * 2]! ? 1 : 0) === e.label)),
      );
    }
    return { accuracy: correct / testEnc.length };
  };
}
const t0 = Date.now();
const ftBert = await runSeeds(
  fullRecipe(
    (p) => new BertAdam(p, { learningRate: 3e-3, weightDecay: 0.01, maxGradNorm: 0 }),
    constantSchedule(),
  ),
  seeds,
  { metric: 'accuracy', majorityBaseline: majority },
);
const ftAdamw = await runSeeds(
  fullRecipe(
    (p) => new AdamW(p, { learningRate: 1e-3, weightDecay: 0.01 }),
    linearSchedule({ warmupSteps: Math.round(ftTotal * 0.1), totalSteps: ftTotal }),
  ),
  seeds,
  { metric: 'accuracy', majorityBaseline: majority },
);
console.error(`full fine-tuning: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
const row = (name: string, r: SeedReport) =>
  `| ${name} | ${r.summary.mean.toFixed(3)} | ${r.summary.std?.toFixed(3) ?? '—'} | ${r.summary.min.toFixed(3)} | ${r.summary.max.toFixed(3)} | ${r.failedSeeds.length}/10 |`;
console.log(`majority baseline ${majority.toFixed(3)} (n=${yTest.length} held-out mails)\n`);
console.log(
  '| optimizer | mean | std | min | max | failed |\n| --- | --- | --- | --- | --- | --- |',
);
console.log(row('BERTAdam lr 3e-2, no bias correction, no warmup', bert));
console.log(row('AdamW lr 3e-3, 10% warmup + linear decay', adamw));
console.log(row('full FT: BERTAdam lr 3e-3, no bias correction, no warmup', ftBert));
console.log(row('full FT: AdamW lr 1e-3, 10% warmup + linear decay', ftAdamw));
console.log(
  `\nper seed BERTAdam: ${bert.runs.map((r) => r.metrics.accuracy!.toFixed(3)).join(' ')}`,
);
console.log(
  `per seed AdamW:    ${adamw.runs.map((r) => r.metrics.accuracy!.toFixed(3)).join(' ')}`,
);
console.log(
  `per seed full FT BERTAdam: ${ftBert.runs.map((r) => r.metrics.accuracy!.toFixed(3)).join(' ')}`,
);
console.log(
  `per seed full FT AdamW:    ${ftAdamw.runs.map((r) => r.metrics.accuracy!.toFixed(3)).join(' ')}`,
);
writeSpreadSvg(
  new URL('../figures/seed-spread.svg', import.meta.url).pathname,
  [
    {
      label: 'BERTAdam (no bias corr., lr 3e-2)',
      values: bert.runs.map((r) => r.metrics.accuracy!),
    },
    { label: 'AdamW + warmup (lr 3e-3)', values: adamw.runs.map((r) => r.metrics.accuracy!) },
    { label: 'full FT BERTAdam (lr 3e-3)', values: ftBert.runs.map((r) => r.metrics.accuracy!) },
    {
      label: 'full FT AdamW + warmup (lr 1e-3)',
      values: ftAdamw.runs.map((r) => r.metrics.accuracy!),
    },
  ],
  {
    width: 900,
    title:
      'Held-out accuracy over 10 seeds — tiny BERT (random weights), SpamAssassin: new head vs full fine-tuning',
    yLabel: 'accuracy',
    baseline: majority,
  },
);
