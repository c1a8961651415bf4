import { graphFromModel, readModelFile, writeWeights } from '@nlpft/onnx';
import type { Tokenizer } from '@nlpft/tokenizers';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Trainables from '../onnx-trainable';
import { finetuneClassifier } from './finetune';
import type { FinetuneOptions } from './finetune';
import { specialIds } from './special-ids';
import {
  TINY,
  keywordTask,
  pretrainToyGpt2,
  tempFolder,
  toyTokenizer,
} from './toy-data.test-helper';

// The parameters of each OnnxTrainable a run creates, live (the optimizer updates them in place).
const created = vi.hoisted(() => ({ params: [] as Record<string, Float32Array>[] }));
vi.mock('../onnx-trainable', async (importOriginal) => {
  const actual = await importOriginal<typeof Trainables>();
  const create: typeof actual.OnnxTrainable.create = (graph, options) => {
    const model = actual.OnnxTrainable.create(graph, options);
    created.params.push(model.params);
    return model;
  };
  return { ...actual, OnnxTrainable: { create } };
});
const actual = await vi.importActual<typeof Trainables>('../onnx-trainable');

let tokenizer: Tokenizer;
/** A 2-layer GPT-2 pre-trained (CLM) on the toy corpus. */
let pretrained: string;
const MODEL = { ...TINY, layers: 2 };

beforeAll(async () => {
  tokenizer = await toyTokenizer();
  pretrained = await pretrainToyGpt2(tokenizer, 20);
});
beforeEach(() => {
  created.params.length = 0;
});

const TRAIN = keywordTask(16, 3);
const TEST = keywordTask(16, 4);

function options(overrides: Partial<FinetuneOptions> = {}): FinetuneOptions {
  return {
    tokenizer,
    train: TRAIN,
    test: TEST,
    model: MODEL,
    architecture: 'gpt2',
    pretrained,
    strategy: 'full',
    epochs: 1,
    batchSize: 16,
    learningRate: 1e-2,
    ...overrides,
  };
}

/** The pipeline's GPT-2 token rows: the text cut to blockSize − 2 tokens, then [SEP]. */
function rows(texts: readonly string[]): number[][] {
  const sep = specialIds(tokenizer).sep;
  return texts.map((t) => [
    ...tokenizer.encode(t, null, { addSpecialTokens: false }).ids.slice(0, MODEL.blockSize - 2),
    sep,
  ]);
}

/**
 * Causal-LM loss of the texts under the pre-trained model's own graph (its tied LM head), with `weights` written
 * over its body when given: the logits come from onnxruntime, the loss is plain JS, in float64. Mean over every
 * (position t → token t + 1) pair inside a text; padding predicts and is predicted by nothing.
 */
async function lmLoss(
  texts: readonly string[],
  weights?: Readonly<Record<string, Float32Array>>,
): Promise<number> {
  let graph = graphFromModel(readModelFile(pretrained));
  if (weights !== undefined)
    graph = writeWeights(
      graph,
      Object.fromEntries(Object.entries(weights).filter(([n]) => n.startsWith('transformer.'))),
    );
  const L = MODEL.blockSize;
  const model = actual.OnnxTrainable.create<number[]>(graph, {
    collate: (batch) => {
      const ids = new BigInt64Array(batch.length * L);
      const mask = new BigInt64Array(batch.length * L);
      batch.forEach((r, i) =>
        r.forEach((id, j) => {
          ids[i * L + j] = BigInt(id);
          mask[i * L + j] = 1n;
        }),
      );
      return {
        input_ids: { data: ids, dims: [batch.length, L] },
        attention_mask: { data: mask, dims: [batch.length, L] },
      };
    },
  });
  try {
    const batch = rows(texts);
    const { data, dims } = await model.forward(batch);
    const V = dims[2]!;
    let sum = 0;
    let count = 0;
    batch.forEach((r, i) => {
      for (let t = 0; t + 1 < r.length; t++) {
        const row = Array.from(data.subarray((i * L + t) * V, (i * L + t + 1) * V));
        const max = Math.max(...row);
        const logZ = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
        sum += logZ - row[r[t + 1]!]!;
        count++;
      }
    });
    return sum / count;
  } finally {
    await model.dispose();
  }
}

const texts = TRAIN.map((e) => e.text);

describe('finetuneClassifier lmLossWeight (GPT-1 auxiliary LM loss)', () => {
  it('0 is the classification-only run: same losses, scores and parameters as leaving it out', async () => {
    const plain = await finetuneClassifier(options({ epochs: 2, batchSize: 8 }));
    const zero = await finetuneClassifier(options({ epochs: 2, batchSize: 8, lmLossWeight: 0 }));
    expect(zero.lossCurve).toEqual(plain.lossCurve);
    expect(zero.scores).toEqual(plain.scores);
    const [a, b] = created.params;
    expect(Object.keys(b!)).toEqual(Object.keys(a!));
    for (const n of Object.keys(a!)) expect(b![n]).toEqual(a![n]);
  });

  it('the first step loss is the classification CE + λ · the pre-trained LM loss of the batch', async () => {
    // One batch of all 16 texts, dropout 0: step 1's loss is that of the starting weights.
    const ce = (await finetuneClassifier(options())).lossCurve[0]!.loss;
    const lm = await lmLoss(texts);
    const lambda = 0.5;
    const both = (await finetuneClassifier(options({ lmLossWeight: lambda }))).lossCurve[0]!.loss;
    // The LM head is the pre-trained tied wte: the LM piece is the pre-trained model's own loss. float32 graph
    // losses vs a float64 sum over ~200 tokens: 1e-5.
    expect(lm).toBeGreaterThan(0.5);
    expect(Math.abs(both - (ce + lambda * lm))).toBeLessThan(1e-5);
  });

  it('lowers the LM loss on the training text, where classification alone does not keep it as low', async () => {
    const before = await lmLoss(texts);
    await finetuneClassifier(options({ epochs: 8, batchSize: 8, lmLossWeight: 0.5 }));
    await finetuneClassifier(options({ epochs: 8, batchSize: 8 }));
    const [withLm, without] = created.params;
    const afterWithLm = await lmLoss(texts, withLm);
    const afterWithout = await lmLoss(texts, without);
    expect(afterWithLm).toBeLessThan(before);
    expect(afterWithLm).toBeLessThan(afterWithout);
  });

  it('is part of the run folder key: another λ trains afresh, the same λ is returned from the folder', async () => {
    const runDir = tempFolder();
    const first = await finetuneClassifier(options({ lmLossWeight: 0.5, runDir }));
    const again = await finetuneClassifier(options({ lmLossWeight: 0.5, runDir }));
    expect(again.cached).toBe(true);
    expect(again.lossCurve).toEqual(first.lossCurve);
    const other = await finetuneClassifier(options({ lmLossWeight: 0.25, runDir }));
    expect(other.cached).toBe(false);
    expect(other.lossCurve[0]!.loss).not.toBe(first.lossCurve[0]!.loss);
  });

  it.each([-0.5, Number.NaN, Infinity])('rejects λ = %s (INVALID_OPTION)', async (lmLossWeight) => {
    await expect(finetuneClassifier(options({ lmLossWeight }))).rejects.toMatchObject({
      name: 'TrainingError',
      code: 'INVALID_OPTION',
      message: expect.stringContaining('lmLossWeight') as string,
    });
  });

  it("rejects λ > 0 with 'bert' (INVALID_OPTION): the recipe is the decoder's", async () => {
    await expect(
      finetuneClassifier(
        options({ architecture: 'bert', model: TINY, pretrained: undefined, lmLossWeight: 0.5 }),
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining("lmLossWeight 0.5 needs architecture 'gpt2'") as string,
    });
  });
});
