import { addSoftmaxCrossEntropyLoss } from '@nlpft/onnx';
import type { BatchTensor } from '@nlpft/onnx';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainingError } from '../errors';
import { OnnxTrainable } from '../onnx-trainable';
import { AdamW } from '../optimizer';
import { SeededRng } from '../seeded-rng';
import { Trainer } from '../trainer';
import { fromPretrained } from './from-pretrained';
import type { PretrainedModel } from './from-pretrained';
import { loadFixture } from './hf-fixtures.test-helper';
import { FINETUNE_STRATEGIES, prepareStrategy } from './strategies';
import type { FinetuneStrategy } from './strategies';
import { NEGATIVE, POSITIVE } from './sentiment-words.test-helper';

// A three-way sentiment task in the fixture tokenizer's words: positive words → 2, negative → 0, neither → 1.
const NEUTRAL = [
  'the',
  'movie',
  'film',
  'plot',
  'actor',
  'story',
  'cat',
  'dog',
  'house',
  'old',
  'new',
  'big',
  'time',
  'day',
  'it',
  'was',
  'this',
];
const LENGTH = 10;

interface Example {
  ids: number[];
  label: number;
}

function dataset(model: PretrainedModel, n: number, seed: number): Example[] {
  const rng = new SeededRng(seed);
  const pick = (xs: readonly string[]) => xs[rng.int(xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const label = i % 3;
    const words = Array.from({ length: 6 }, () => pick(NEUTRAL));
    if (label !== 1) words[rng.int(6)] = pick(label === 2 ? POSITIVE : NEGATIVE);
    const ids = model.tokenizer!.encode(words.join(' ')).ids;
    return { ids: [...ids, ...new Array<number>(LENGTH - ids.length).fill(0)], label };
  });
}

function collate(examples: readonly Example[]): Record<string, BatchTensor> {
  const n = examples.length;
  const ids = examples.flatMap((e) => e.ids);
  return {
    input_ids: { data: BigInt64Array.from(ids, BigInt), dims: [n, LENGTH] },
    attention_mask: {
      data: BigInt64Array.from(ids, (t) => (t === 0 ? 0n : 1n)),
      dims: [n, LENGTH],
    },
    token_type_ids: { data: new BigInt64Array(n * LENGTH), dims: [n, LENGTH] },
    labels: { data: BigInt64Array.from(examples, (e) => BigInt(e.label)), dims: [n] },
  };
}

async function accuracy(model: OnnxTrainable<Example>, test: readonly Example[]): Promise<number> {
  const { data } = await model.forward(test);
  let right = 0;
  test.forEach((e, i) => {
    const row = data.subarray(i * 3, i * 3 + 3);
    if (row.indexOf(Math.max(...row)) === e.label) right++;
  });
  return right / test.length;
}

const LEARNING_RATE: Record<FinetuneStrategy, number> = {
  full: 3e-3,
  'head-only': 1e-2,
  'freeze-bottom': 3e-3,
  'gradual-unfreezing': 3e-3,
  llrd: 3e-3,
  adapters: 1e-2,
  lora: 1e-2,
  prefix: 1e-2,
  'fl-tuning': 1e-2,
};

/** Full fine-tuning on the source task; the body keeps what it learned, the head goes back to the export's. */
async function transferred(
  model: PretrainedModel,
  train: readonly Example[],
): Promise<PretrainedModel> {
  const g = model.graph.clone();
  addSoftmaxCrossEntropyLoss(g, 'logits');
  const source = OnnxTrainable.create(g, {
    collate,
    isParameter: (n) => model.structure.parameters.has(n),
  });
  await new Trainer({
    model: source,
    optimizer: new AdamW(source.params, { learningRate: 3e-3 }),
    train,
    seed: 7,
    batchSize: 16,
    epochs: 5,
  }).train();
  const graph = model.graph.clone();
  for (const name of model.parameterNames)
    if (model.structure.parameters.get(name)!.part !== 'head')
      graph.initializers.set(name, {
        ...graph.initializers.get(name)!,
        data: source.params[name]!.slice(),
      });
  await source.dispose();
  return { ...model, graph };
}

// The fixture's weights are random, not pretrained, so the frozen-body strategies would have nothing to build on.
// As the lecture's transfer setting: a source task (the labels above) trains the body; the target task renames the
// classes (positive → 0, neutral → 2, negative → 1) and starts from the export's untrained head.
const TARGET = [1, 2, 0];

describe('every strategy on a foreign BERT export, after transfer from a related task', () => {
  const exported = fromPretrained(loadFixture('bert-opset14').dir);
  const source = dataset(exported, 240, 1);
  const train = dataset(exported, 240, 3).map((e) => ({ ...e, label: TARGET[e.label]! }));
  const test = dataset(exported, 120, 2).map((e) => ({ ...e, label: TARGET[e.label]! }));
  let model: PretrainedModel;
  beforeAll(async () => {
    model = await transferred(exported, source);
  });

  it.each(FINETUNE_STRATEGIES)(
    '%s beats the export’s untrained head on held-out data',
    async (strategy) => {
      const setup = prepareStrategy(model, strategy, {
        stepsPerStage: 15,
        learningRate: LEARNING_RATE[strategy],
        rank: 4,
        bottleneck: 8,
        prefixLength: 4,
        units: 8,
      });
      const graph = setup.graph.clone();
      addSoftmaxCrossEntropyLoss(graph, 'logits');
      const trainable = OnnxTrainable.create(graph, {
        collate,
        isParameter: (n) => setup.structure.parameters.has(n),
      });
      const before = await accuracy(trainable, test);
      const result = await new Trainer({
        model: trainable,
        optimizer: new AdamW(trainable.params, {
          learningRate: LEARNING_RATE[strategy],
          groups: setup.groups,
        }),
        train,
        seed: 3,
        batchSize: 16,
        epochs: 5,
        freezePlan: setup.freezePlan,
      }).train();
      const after = await accuracy(trainable, test);
      await trainable.dispose();
      const losses = result.log.flatMap((l) => (l.type === 'train' ? [l.loss.toFixed(3)] : []));
      console.log(
        `${strategy}: accuracy ${before.toFixed(3)} → ${after.toFixed(3)} in ${result.steps} steps; loss ${losses.join(' ')}`,
      );
      expect(after).toBeGreaterThan(before + 0.15);
      expect(after).toBeGreaterThan(0.5); // chance is 1/3
    },
  );

  it('names what is missing', () => {
    expect(() => prepareStrategy(exported, 'gradual-unfreezing')).toThrow(/stepsPerStage/);
    expect(() => prepareStrategy(exported, 'llrd')).toThrow(/learningRate/);
    expect(() => prepareStrategy(exported, 'nope' as FinetuneStrategy)).toThrow(TrainingError);
    const gpt2 = fromPretrained(loadFixture('gpt2-opset14').dir);
    expect(() => prepareStrategy(gpt2, 'head-only')).toThrow(/has none/);
  });
});
