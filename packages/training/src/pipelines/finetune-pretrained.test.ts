import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession } from '@nlpft/inference';
import { graphFromModel, readModelFile } from '@nlpft/onnx';
import { describe, expect, it } from 'vitest';
import { TrainingError } from '../errors';
import { fromPretrained } from '../pretrained/from-pretrained';
import { loadFixture } from '../pretrained/hf-fixtures.test-helper';
import { FINETUNE_STRATEGIES } from '../pretrained/strategies';
import { SeededRng } from '../seeded-rng';
import { finetunePretrained } from './finetune-pretrained';
import type { FinetunePretrainedOptions } from './finetune-pretrained';
import { encodeLabelled, pretrainedCollate } from './pretrained-collate';
import type { LabelledInput } from './pretrained-collate';
import { NEGATIVE, POSITIVE } from '../pretrained/sentiment-words.test-helper';

// Sentiment in the fixture tokenizer's words: label 1 when a positive word is in the text, 0 for a negative one.
const NEUTRAL = [
  'the',
  'movie',
  'film',
  'plot',
  'actor',
  'story',
  'cat',
  'dog',
  'old',
  'new',
  'it',
  'was',
];

function sentiment(n: number, seed: number): LabelledInput[] {
  const rng = new SeededRng(seed);
  const pick = (xs: readonly string[]) => xs[rng.int(xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const words = Array.from({ length: 5 }, () => pick(NEUTRAL));
    words[rng.int(5)] = pick(i % 2 === 1 ? POSITIVE : NEGATIVE);
    return { text: words.join(' '), label: i % 2 };
  });
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'nlpft-finetune-pretrained-'));
const TRAIN = sentiment(96, 1);
const TEST = sentiment(48, 2);

/** Class probabilities of a saved folder, run by @nlpft/inference on the folder's own tokenizer. */
async function folderProbabilities(
  dir: string,
  items: readonly LabelledInput[],
): Promise<number[][]> {
  const model = fromPretrained(dir, { dropout: false });
  const file = join(dir, 'onnx', 'model.onnx');
  const names = graphFromModel(readModelFile(file)).inputs.map((i) => i.name);
  const batch = pretrainedCollate(names, 0)(encodeLabelled(model.tokenizer!, items, 128));
  const session = await createSession(file);
  const out = await session.run(
    Object.fromEntries(
      names.map(
        (n) =>
          [
            n,
            { type: 'int64', data: batch[n]!.data as BigInt64Array, dims: batch[n]!.dims },
          ] as const,
      ),
    ),
  );
  await session.dispose();
  const logits = out['logits']!;
  const k = logits.dims[1]!;
  return Array.from({ length: items.length }, (_, i) => {
    const row = Array.from((logits.data as Float32Array).subarray(i * k, (i + 1) * k));
    const max = Math.max(...row);
    const exp = row.map((v) => Math.exp(v - max));
    const total = exp.reduce((a, b) => a + b, 0);
    return exp.map((v) => v / total);
  });
}

const maxDifference = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, i) => row.map((v, j) => Math.abs(v - b[i]![j]!))));

describe('finetunePretrained on a foreign BERT export', () => {
  const dir = loadFixture('bert-opset14').dir;
  const base: FinetunePretrainedOptions = {
    model: dir,
    train: TRAIN,
    test: TEST,
    labels: ['negative', 'positive'],
    learningRate: 3e-3,
    batchSize: 16,
  };

  it('learns the task with full fine-tuning, re-drawing the export’s 3-class head for 2 classes', async () => {
    const untrained = await finetunePretrained({ ...base, epochs: 1, learningRate: 0 });
    const out = tempDir();
    const run = await finetunePretrained({
      ...base,
      train: sentiment(192, 3),
      epochs: 8,
      output: out,
    });
    console.log(
      `full: accuracy ${untrained.accuracy.toFixed(3)} → ${run.accuracy.toFixed(3)} in ${run.steps} steps`,
    );
    expect(run.head).toBe('reinitialised');
    expect(run.accuracy).toBeGreaterThan(0.8);
    expect(run.accuracy).toBeGreaterThan(untrained.accuracy + 0.25);
    expect(run.trainableParameters).toBe(run.totalParameters);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(config['id2label']).toEqual({ '0': 'negative', '1': 'positive' });
    // The folder is the trained model: inference on it gives the pipeline's test probabilities (float32 rounding).
    expect(maxDifference(await folderProbabilities(out, TEST), run.probabilities)).toBeLessThan(
      1e-5,
    );
  });

  it.each(FINETUNE_STRATEGIES)(
    '%s runs end to end and saves a folder @nlpft/inference scores as the pipeline did',
    async (strategy) => {
      const out = tempDir();
      const run = await finetunePretrained({
        ...base,
        strategy,
        epochs: 1,
        output: out,
        strategyOptions: { rank: 4, bottleneck: 8, prefixLength: 4, units: 8 },
      });
      expect(run.steps).toBe(6);
      expect(run.lossCurve.every((p) => Number.isFinite(p.loss))).toBe(true);
      const everything =
        strategy === 'full' || strategy === 'llrd' || strategy === 'gradual-unfreezing';
      if (everything) expect(run.trainableParameters).toBe(run.totalParameters);
      else expect(run.trainableParameters).toBeLessThan(run.totalParameters / 2);
      expect(
        maxDifference(
          await folderProbabilities(out, TEST.slice(0, 8)),
          run.probabilities.slice(0, 8),
        ),
      ).toBeLessThan(1e-5);
      // LoRA is folded into the [out, in] weights it adapts: the folder is the plain BERT.
      const saved = [...fromPretrained(out, { dropout: false }).graph.initializers.keys()];
      expect(saved.some((n) => n.includes('lora_'))).toBe(false);
    },
  );

  it('keeps LoRA as separate tensors when asked', async () => {
    const out = tempDir();
    const run = await finetunePretrained({
      ...base,
      strategy: 'lora',
      epochs: 1,
      output: out,
      mergeLora: false,
    });
    const saved = [...fromPretrained(out, { dropout: false }).graph.initializers.keys()];
    expect(saved.filter((n) => n.includes('lora_'))).toHaveLength(4 * 2); // q and v of 2 layers, A and B
    expect(
      maxDifference(
        await folderProbabilities(out, TEST.slice(0, 8)),
        run.probabilities.slice(0, 8),
      ),
    ).toBeLessThan(1e-5);
  });

  it('puts a new head on a body export and encodes pairs with the tokenizer’s pair template', async () => {
    const pairs = TRAIN.map((e, i) => ({ ...e, textPair: TRAIN[(i + 1) % TRAIN.length]!.text }));
    const body = fromPretrained(loadFixture('bert-body').dir);
    const encoded = encodeLabelled(body.tokenizer!, pairs.slice(0, 1), 128)[0]!;
    const sep = body.tokenizer!.tokenToId('[SEP]')!;
    const firstSep = encoded.ids.indexOf(sep);
    // [CLS] A [SEP] has type 0, B [SEP] type 1, as BERT's TemplateProcessing says.
    expect(encoded.typeIds.slice(0, firstSep + 1).every((t) => t === 0)).toBe(true);
    expect(encoded.typeIds.slice(firstSep + 1).every((t) => t === 1)).toBe(true);
    const run = await finetunePretrained({
      ...base,
      model: body,
      train: pairs,
      test: pairs.slice(0, 16),
      epochs: 1,
    });
    expect(run.head).toBe('added');
    expect(run.probabilities[0]).toHaveLength(2);
  });

  it('classifies with a GPT-2 LM export: the tied LM head is cut, a new head reads the final LayerNorm', async () => {
    const gpt2 = fromPretrained(loadFixture('gpt2-opset14').dir);
    const out = tempDir();
    const run = await finetunePretrained({ ...base, model: gpt2, epochs: 1, output: out });
    expect(run.head).toBe('added');
    const saved = fromPretrained(out, { dropout: false });
    expect(saved.outputs).toEqual(['logits']);
    // No vocabulary-sized tensor but the embedding table: the LM head is gone.
    const tables = [...saved.graph.initializers.values()].filter((t) =>
      t.dims.includes(gpt2.config.vocabSize),
    );
    expect(tables.map((t) => t.name)).toEqual(['transformer.wte.weight']);
    expect(
      maxDifference(
        await folderProbabilities(out, TEST.slice(0, 8)),
        run.probabilities.slice(0, 8),
      ),
    ).toBeLessThan(1e-5);
  });

  it('resumes an interrupted run from its checkpoint bit for bit, and returns a finished run from its folder', async () => {
    const straight = await finetunePretrained({ ...base, epochs: 2, runDir: tempDir() });
    const runDir = tempDir();
    const controller = new AbortController();
    const interrupted = finetunePretrained({
      ...base,
      epochs: 2,
      runDir,
      saveSteps: 100,
      signal: controller.signal,
      onStep: (step) => {
        if (step === 5) controller.abort();
      },
    });
    await expect(interrupted).rejects.toMatchObject({ name: 'TrainingError', code: 'INTERRUPTED' });
    expect(existsSync(join(runDir, 'train', 'checkpoint-last.json'))).toBe(true);
    const resumed = await finetunePretrained({ ...base, epochs: 2, runDir });
    expect(resumed.resumedFrom).toBe(5);
    expect(resumed.probabilities).toEqual(straight.probabilities);
    expect(resumed.lossCurve).toEqual(straight.lossCurve);
    const again = await finetunePretrained({ ...base, epochs: 2, runDir });
    expect(again.cached).toBe(true);
    expect(again.probabilities).toEqual(straight.probabilities);
  });

  it('names bad input', async () => {
    await expect(finetunePretrained({ ...base, test: [] })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
    await expect(
      finetunePretrained({ ...base, train: [{ text: 'good', label: 2 }] }),
    ).rejects.toThrow(/label 2 .* not an integer in 0 … 1/);
    await expect(
      finetunePretrained({ ...base, strategy: 'nope' as FinetunePretrainedOptions['strategy'] }),
    ).rejects.toThrow(TrainingError);
    await expect(
      finetunePretrained({ ...base, labels: ['a', 'b', 'c'], numLabels: 2 }),
    ).rejects.toThrow(/labels names 3 classes/);
  });
});
