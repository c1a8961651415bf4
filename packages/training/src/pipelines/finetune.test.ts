import { graphFromModel, readModelFile } from '@nlpft/onnx';
import { bootstrapConfidenceInterval, meanStatistics } from '@nlpft/metrics';
import type { Tokenizer } from '@nlpft/tokenizers';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Trainables from '../onnx-trainable';
import type { StepContext } from '../types';
import { finetuneClassifier } from './finetune';
import type { FinetuneOptions, LabelledText } from './finetune';
import { pretrainLanguageModel } from './pretrain';
import { TINY, keywordTask, tempFolder, toyCorpus, toyTokenizer } from './toy-data.test-helper';

/** What the spy saw of the one OnnxTrainable a fine-tuning run creates. */
interface Seen {
  initial: Record<string, Float32Array>;
  final: Record<string, Float32Array>;
  /** The trainable parameter names of each computeGradients call (one per step: no accumulation). */
  trainable: string[][];
}
const seen = vi.hoisted(() => ({ runs: [] as Seen[] }));

// A spy around the real OnnxTrainable: it records the parameters at creation, keeps a live view of them (the
// optimizer updates them in place) and the trainable set of every step. Nothing else changes.
vi.mock('../onnx-trainable', async (importOriginal) => {
  const actual = await importOriginal<typeof Trainables>();
  const create: typeof actual.OnnxTrainable.create = (graph, options) => {
    const model = actual.OnnxTrainable.create(graph, options);
    const run: Seen = {
      initial: Object.fromEntries(Object.entries(model.params).map(([k, v]) => [k, v.slice()])),
      final: model.params,
      trainable: [],
    };
    seen.runs.push(run);
    const compute = model.computeGradients.bind(model);
    model.computeGradients = (batch, context: StepContext) => {
      run.trainable.push([...context.trainable]);
      return compute(batch, context);
    };
    return model;
  };
  return { ...actual, OnnxTrainable: { create } };
});

let tokenizer: Tokenizer;
/** A 2-layer GPT-2 pre-trained (CLM) on the toy corpus, and its weights. */
let pretrained: { path: string; weights: Map<string, Float32Array> };
const MODEL = { ...TINY, layers: 2 };

beforeAll(async () => {
  tokenizer = await toyTokenizer();
  const r = await pretrainLanguageModel({
    objective: 'clm',
    tokenizer,
    train: toyCorpus(300, 1),
    heldOut: toyCorpus(40, 2),
    model: MODEL,
    steps: 20,
    batchSize: 16,
    learningRate: 1e-2,
    outputDir: tempFolder(),
  });
  const graph = graphFromModel(readModelFile(r.modelPath));
  pretrained = {
    path: r.modelPath,
    weights: new Map(
      [...graph.initializers].map(([name, t]) => [name, Float32Array.from(t.data as Float32Array)]),
    ),
  };
});
beforeEach(() => {
  seen.runs.length = 0;
});

const TRAIN = keywordTask(64, 3);
const TEST = keywordTask(64, 4);

function options(overrides: Partial<FinetuneOptions> = {}): FinetuneOptions {
  return {
    tokenizer,
    train: TRAIN,
    test: TEST,
    model: MODEL,
    architecture: 'gpt2',
    strategy: 'full',
    epochs: 5,
    batchSize: 16,
    learningRate: 1e-2,
    ...overrides,
  };
}

/** The one run the spy saw. */
function lastRun(): Seen {
  expect(seen.runs).toHaveLength(1);
  return seen.runs[0]!;
}

const same = (a: Float32Array, b: Float32Array): boolean => a.every((v, i) => Object.is(v, b[i]));
/** Names of the parameters whose values changed during the run. */
const changed = (run: Seen): string[] =>
  Object.keys(run.final).filter((n) => !same(run.initial[n]!, run.final[n]!));
const names = (run: Seen, pred: (n: string) => boolean): string[] =>
  Object.keys(run.final).filter(pred);

describe('finetuneClassifier', () => {
  it('learns the keyword task from scratch (GPT-2 body, full fine-tuning)', async () => {
    const r = await finetuneClassifier(options());
    expect(r.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.steps).toBe(5 * 4);
    expect(r.lossCurve.at(-1)!.loss).toBeLessThan(r.lossCurve[0]!.loss / 2);
  });

  it('returns the scores that its predictions give (confusion counts, precision, recall, F1, bootstrap CI)', async () => {
    const r = await finetuneClassifier(options({ epochs: 2 }));
    const yTrue = TEST.map((e) => e.label);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    r.predictions.forEach((p, i) => {
      if (p === 1 && yTrue[i] === 1) tp++;
      else if (p === 1) fp++;
      else if (yTrue[i] === 1) fn++;
      else tn++;
    });
    expect(r.confusion).toEqual([
      [tn, fp],
      [fn, tp],
    ]);
    expect(r.accuracy).toBeCloseTo((tp + tn) / TEST.length, 12);
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    expect(r.precision).toBeCloseTo(precision, 12);
    expect(r.recall).toBeCloseTo(recall, 12);
    expect(r.f1).toBeCloseTo(
      precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      12,
    );
    // The percentile bootstrap of @nlpft/metrics over per-item correctness, seed 12345.
    const { stats, score } = meanStatistics(r.predictions.map((p, i) => Number(p === yTrue[i])));
    const ci = bootstrapConfidenceInterval(stats, score, { seed: 12345, generator: 'xoshiro128' });
    expect(r.accuracyCi).toEqual([ci.lower, ci.upper]);
    // scores are P(label 1): above one half exactly where label 1 is predicted.
    r.scores.forEach((s, i) => expect(s > 0.5).toBe(r.predictions[i] === 1));
  });

  it('full: trains every parameter at every step', async () => {
    await finetuneClassifier(options({ pretrained: pretrained.path, epochs: 1 }));
    const run = lastRun();
    const all = Object.keys(run.final);
    expect(run.trainable).toHaveLength(4);
    for (const set of run.trainable) expect(set).toEqual(all);
    expect(changed(run)).toEqual(all);
  });

  it('head-only: starts from the pre-trained body and leaves it bit for bit unchanged', async () => {
    const r = await finetuneClassifier(
      options({ pretrained: pretrained.path, strategy: 'head-only' }),
    );
    const run = lastRun();
    const body = names(run, (n) => n.startsWith('transformer.'));
    expect(body.length).toBeGreaterThan(20);
    for (const n of body) {
      expect(same(run.initial[n]!, pretrained.weights.get(n)!)).toBe(true);
      expect(same(run.final[n]!, pretrained.weights.get(n)!)).toBe(true);
    }
    expect(changed(run)).toEqual(['classifier.weight', 'classifier.bias']);
    for (const set of run.trainable) expect(set).toEqual(['classifier.weight', 'classifier.bias']);
    expect(r.steps).toBe(20);
  });

  it('freeze-bottom: keeps the embeddings and the bottom layer frozen, trains the rest', async () => {
    await finetuneClassifier(options({ pretrained: pretrained.path, strategy: 'freeze-bottom' }));
    const run = lastRun();
    const frozen = (n: string) => /^transformer\.(wte|wpe|h\.0)\./.test(n);
    expect(changed(run)).toEqual(names(run, (n) => !frozen(n)));
    for (const n of names(run, frozen))
      expect(same(run.final[n]!, pretrained.weights.get(n)!)).toBe(true);
  });

  it('gradual-unfreezing: unfreezes from the head down, one stage every steps / (layers + 2)', async () => {
    await finetuneClassifier(
      options({ pretrained: pretrained.path, strategy: 'gradual-unfreezing' }),
    );
    const run = lastRun();
    // 20 steps, 2 layers: stages of floor(20 / 4) = 5 steps: head (with the final LayerNorm, which belongs to no
    // layer), + layer 2, + layer 1, + embeddings.
    const stageOf = (n: string): number =>
      /^transformer\.(wte|wpe)\./.test(n)
        ? 3
        : n.startsWith('transformer.h.0.')
          ? 2
          : n.startsWith('transformer.h.1.')
            ? 1
            : 0;
    expect(run.trainable).toHaveLength(20);
    run.trainable.forEach((set, step) => {
      const stage = Math.floor(step / 5);
      expect(set).toEqual(names(run, (n) => stageOf(n) <= stage));
    });
    expect(changed(run)).toEqual(Object.keys(run.final));
  });

  it.each([
    { optimizer: 'adamw', ratio: 1, expected: 'lr' },
    // BERTAdam skips bias correction: m / √v = 0.1·g / (√0.001·|g|) = √10 · sign(g).
    { optimizer: 'bertadam', ratio: 0.1 / Math.sqrt(0.001), expected: '√10 · lr' },
  ] as const)(
    '$optimizer: the first update of a weight with a clear gradient is $expected',
    async ({ optimizer, ratio }) => {
      // One step on a batch of 16 where 12 are positive: the bias gradient is about ±(0.75 − 0.5), far above eps.
      const train = TRAIN.filter((e) => e.label === 1)
        .slice(0, 12)
        .concat(TRAIN.filter((e) => e.label === 0).slice(0, 4));
      await finetuneClassifier(
        options({
          train,
          optimizer,
          epochs: 1,
          batchSize: 16,
          learningRate: 1e-3,
          schedule: 'constant',
          weightDecay: 0,
          maxGradNorm: Infinity,
        }),
      );
      const run = lastRun();
      const before = run.initial['classifier.bias']!;
      const after = run.final['classifier.bias']!;
      for (let i = 0; i < 2; i++)
        expect(Math.abs(after[i]! - before[i]!) / 1e-3).toBeCloseTo(ratio, 3);
    },
  );

  it('scores more than two labels with macro averages and a full confusion matrix', async () => {
    const three = (items: readonly LabelledText[]): LabelledText[] =>
      items.map((e, i) => ({ text: e.text, label: e.label === 1 ? 1 : i % 4 === 1 ? 0 : 2 }));
    const test = three(TEST);
    const r = await finetuneClassifier(
      options({ train: three(TRAIN), test, numLabels: 3, epochs: 2 }),
    );
    expect(r.confusion).toHaveLength(3);
    const f1s = [0, 1, 2].map((label) => {
      const tp = r.predictions.filter((p, i) => p === label && test[i]!.label === label).length;
      const predicted = r.predictions.filter((p) => p === label).length;
      const actual = test.filter((e) => e.label === label).length;
      expect(r.confusion[label]!.reduce((a, b) => a + b, 0)).toBe(actual);
      const p = predicted === 0 ? 0 : tp / predicted;
      const q = tp / actual;
      return p + q === 0 ? 0 : (2 * p * q) / (p + q);
    });
    expect(r.f1).toBeCloseTo((f1s[0]! + f1s[1]! + f1s[2]!) / 3, 12);
  });

  it('BERT body: loads an MLM-pre-trained encoder and names a weight of another size (MODEL_MISMATCH)', async () => {
    const mlm = await pretrainLanguageModel({
      objective: 'mlm',
      tokenizer,
      train: toyCorpus(300, 1),
      heldOut: toyCorpus(40, 2),
      model: TINY,
      steps: 5,
      batchSize: 16,
      outputDir: tempFolder(),
    });
    const r = await finetuneClassifier(
      options({ architecture: 'bert', model: TINY, pretrained: mlm.modelPath, epochs: 1 }),
    );
    expect(r.steps).toBe(4);
    await expect(
      finetuneClassifier(
        options({
          architecture: 'bert',
          model: { ...TINY, hidden: 24 },
          pretrained: mlm.modelPath,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'TrainingError',
      code: 'MODEL_MISMATCH',
      message: expect.stringContaining(
        "body weight 'embeddings.word_embeddings.weight' is [60, 16], the model needs [60, 24]",
      ) as string,
    });
    // A GPT-2 body finds none of its weights in a BERT model.
    await expect(
      finetuneClassifier(options({ architecture: 'gpt2', model: TINY, pretrained: mlm.modelPath })),
    ).rejects.toMatchObject({
      code: 'MODEL_MISMATCH',
      message: expect.stringContaining("'transformer.wte.weight' is missing") as string,
    });
  });

  it('rejects empty splits and labels outside 0 … numLabels − 1 (INVALID_OPTION)', async () => {
    await expect(finetuneClassifier(options({ train: [] }))).rejects.toMatchObject({
      name: 'TrainingError',
      code: 'INVALID_OPTION',
    });
    await expect(finetuneClassifier(options({ test: [] }))).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
    await expect(
      finetuneClassifier(options({ test: [{ text: 'the red cat', label: 2 }] })),
    ).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining(
        'label 2 (text "the red cat") is not an integer in 0 … 1',
      ) as string,
    });
  });
});
