import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSession } from '@nlpft/inference';
import { IGNORE_INDEX, maskTokens } from '../masked-lm';
import { SeededRng } from '../seeded-rng';
import type { Tokenizer } from '@nlpft/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { pretrainLanguageModel } from './pretrain';
import type { PretrainOptions } from './pretrain';
import { TINY, tempFolder, toyCorpus, toyTokenizer } from './toy-data.test-helper';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await toyTokenizer();
});

const TRAIN = toyCorpus(300, 1);
const HELD_OUT = toyCorpus(40, 2);

function options(overrides: Partial<PretrainOptions> = {}): PretrainOptions {
  return {
    objective: 'clm',
    tokenizer,
    train: TRAIN,
    heldOut: HELD_OUT,
    model: TINY,
    steps: 30,
    batchSize: 16,
    learningRate: 1e-2,
    outputDir: tempFolder(),
    ...overrides,
  };
}

const id = (token: string): number => tokenizer.tokenToId(token)!;
const encode = (text: string): number[] =>
  tokenizer.encode(text, null, { addSpecialTokens: false }).ids;

/** Hugging Face's group_texts, written out: documents joined by [SEP], cut into blocks, the tail dropped. */
function blocks(texts: readonly string[], size: number): number[][] {
  const stream = texts.flatMap((t, i) => (i === 0 ? encode(t) : [id('[SEP]'), ...encode(t)]));
  return Array.from({ length: Math.floor(stream.length / size) }, (_, b) =>
    stream.slice(b * size, (b + 1) * size),
  );
}

/** −log softmax(row)[target], computed in float64 from float32 logits. */
function crossEntropy(logits: Float32Array, offset: number, vocab: number, target: number): number {
  let max = -Infinity;
  for (let v = 0; v < vocab; v++) max = Math.max(max, logits[offset + v]!);
  let sum = 0;
  for (let v = 0; v < vocab; v++) sum += Math.exp(logits[offset + v]! - max);
  return Math.log(sum) + max - logits[offset + target]!;
}

const int64 = (rows: readonly (readonly number[])[]) => ({
  type: 'int64' as const,
  data: BigInt64Array.from(rows.flat(), (v) => BigInt(v)),
  dims: [rows.length, rows[0]!.length],
});

describe('pretrainLanguageModel', () => {
  it('CLM: held-out perplexity falls from about the vocabulary size, and the loss curve is logged per step', async () => {
    const r = await pretrainLanguageModel(options());
    const vocab = tokenizer.getVocabSize();
    // Random init with small weights predicts nearly uniformly: perplexity ≈ V.
    expect(r.heldOutAtInit.perplexity / vocab).toBeGreaterThan(0.9);
    expect(r.heldOutAtInit.perplexity / vocab).toBeLessThan(1.1);
    expect(r.heldOut.perplexity).toBeLessThan(r.heldOutAtInit.perplexity / 3);
    expect(r.heldOut.perplexity).toBeCloseTo(Math.exp(r.heldOut.loss), 10);
    // 30 steps, logged every step (steps / 50 rounds to 1).
    expect(r.lossCurve.map((p) => p.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const mean = (ps: { loss: number }[]) => ps.reduce((a, p) => a + p.loss, 0) / ps.length;
    expect(mean(r.lossCurve.slice(-5))).toBeLessThan(mean(r.lossCurve.slice(0, 5)) - 0.5);
    expect(r).toMatchObject({ objective: 'clm', steps: 30, cached: false, resumedFrom: 0 });
    expect(r.trainBlocks).toBe(blocks(TRAIN, 16).length);
  });

  it('CLM: model.onnx runs in @nlpft/inference and its logits give the held-out loss the pipeline reported', async () => {
    const r = await pretrainLanguageModel(options());
    expect(JSON.parse(readFileSync(join(r.modelPath, '..', 'result.json'), 'utf8'))).toEqual(r);
    const held = blocks(HELD_OUT, 16);
    const session = await createSession(r.modelPath);
    try {
      const out = await session.run({
        input_ids: int64(held),
        attention_mask: int64(held.map((b) => b.map(() => 1))),
      });
      const logits = out['logits']!;
      const V = tokenizer.getVocabSize();
      expect(logits.dims).toEqual([held.length, 16, V]);
      // Every position but the last predicts the next token of its block.
      let sum = 0;
      let count = 0;
      held.forEach((block, b) => {
        for (let t = 0; t + 1 < block.length; t++) {
          sum += crossEntropy(logits.data as Float32Array, (b * 16 + t) * V, V, block[t + 1]!);
          count++;
        }
      });
      expect(r.heldOut.tokens).toBe(count);
      // float32 logits vs the graph's float32 loss: agreement to ~1e-6 relative.
      expect(sum / count).toBeCloseTo(r.heldOut.loss, 5);
    } finally {
      await session.dispose();
    }
  });

  it('MLM: the masked-token perplexity falls; model.onnx gives the reported loss on the fixed evaluation masks', async () => {
    // 30 sentences give fewer than 32 blocks: one evaluation batch, one draw of masks.
    const heldOut = HELD_OUT.slice(0, 30);
    const r = await pretrainLanguageModel(options({ objective: 'mlm', steps: 40, heldOut }));
    expect(r.heldOut.perplexity).toBeLessThan(r.heldOutAtInit.perplexity * 0.75);
    // MLM blocks: [CLS] + 14 tokens + [SEP]; held-out masks drawn from SeededRng(1234) (one batch of ≤ 32 blocks).
    const held = blocks(heldOut, 14).map((b) => [id('[CLS]'), ...b, id('[SEP]')]);
    expect(held.length).toBeLessThanOrEqual(32);
    const rng = new SeededRng(1234);
    const V = tokenizer.getVocabSize();
    const masked = held.map((b) =>
      maskTokens(b, rng, {
        maskTokenId: id('[MASK]'),
        vocabSize: V,
        specialIds: [id('[CLS]'), id('[SEP]'), id('[PAD]')],
        probability: 0.15,
      }),
    );
    const session = await createSession(r.modelPath);
    try {
      const inputIds = masked.map((m) => m.inputIds);
      const out = await session.run({
        input_ids: int64(inputIds),
        attention_mask: int64(inputIds.map((b) => b.map(() => 1))),
        token_type_ids: int64(inputIds.map((b) => b.map(() => 0))),
      });
      const logits = out['logits']!.data as Float32Array;
      let sum = 0;
      let count = 0;
      masked.forEach((m, b) =>
        m.labels.forEach((label, t) => {
          if (label === IGNORE_INDEX) return;
          sum += crossEntropy(logits, (b * 16 + t) * V, V, label);
          count++;
        }),
      );
      expect(r.heldOut.tokens).toBe(count);
      expect(sum / count).toBeCloseTo(r.heldOut.loss, 5);
    } finally {
      await session.dispose();
    }
  });

  it('returns a finished run from its folder without training again', async () => {
    const first = await pretrainLanguageModel(options());
    const modelTime = statSync(first.modelPath).mtimeMs;
    const steps: number[] = [];
    const second = await pretrainLanguageModel(
      options({ outputDir: join(first.modelPath, '..'), onStep: (s) => steps.push(s) }),
    );
    expect(steps).toEqual([]);
    expect(second).toEqual({ ...first, cached: true });
    expect(statSync(first.modelPath).mtimeMs).toBe(modelTime);
  });

  it('clears the folder and trains afresh when a setting changes', async () => {
    const dir = tempFolder();
    await pretrainLanguageModel(options({ outputDir: dir, steps: 10 }));
    writeFileSync(join(dir, 'stale.txt'), 'from the 10-step run');
    const steps: number[] = [];
    const r = await pretrainLanguageModel(
      options({ outputDir: dir, steps: 12, onStep: (s) => steps.push(s) }),
    );
    expect(steps).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(r).toMatchObject({ cached: false, steps: 12, resumedFrom: 0 });
    expect(r.lossCurve.at(-1)!.step).toBe(12);
    expect(existsSync(join(dir, 'stale.txt'))).toBe(false);
  });

  it.each(['mlm', 'clm'] as const)(
    '%s: an aborted run resumes from its checkpoint and ends bit for bit as an uninterrupted run',
    async (objective) => {
      // Dropout on, so the resumed run must also restore the RNG that draws masks and dropout.
      const settings = { objective, steps: 20, model: { ...TINY, dropout: 0.1 } };
      const whole = await pretrainLanguageModel(options(settings));

      const dir = tempFolder();
      const controller = new AbortController();
      const aborted = pretrainLanguageModel(
        options({
          ...settings,
          outputDir: dir,
          signal: controller.signal,
          onStep: (s) => {
            if (s === 7) controller.abort();
          },
        }),
      );
      await expect(aborted).rejects.toMatchObject({ name: 'TrainingError', code: 'INTERRUPTED' });
      expect(existsSync(join(dir, 'train', 'checkpoint-last.json'))).toBe(true);
      expect(existsSync(join(dir, 'result.json'))).toBe(false);

      const steps: number[] = [];
      const resumed = await pretrainLanguageModel(
        options({ ...settings, outputDir: dir, onStep: (s) => steps.push(s) }),
      );
      expect(steps[0]).toBe(8);
      expect(resumed.resumedFrom).toBe(7);
      expect(resumed.lossCurve).toEqual(whole.lossCurve);
      expect(resumed.heldOut).toEqual(whole.heldOut);
      expect(readFileSync(resumed.modelPath).equals(readFileSync(whole.modelPath))).toBe(true);
    },
  );

  it('a run killed between checkpoints resumes from the last periodic one, dropping the lost steps from the log', async () => {
    const settings = { steps: 20, saveSteps: 5, model: { ...TINY, dropout: 0.1 } };
    const whole = await pretrainLanguageModel(options(settings));
    const dir = tempFolder();
    // A throw in onStep stands in for a crash: no checkpoint is written at step 13, the last one is step 10's.
    await expect(
      pretrainLanguageModel(
        options({
          ...settings,
          outputDir: dir,
          onStep: (s) => {
            if (s === 13) throw new Error('killed');
          },
        }),
      ),
    ).rejects.toThrow('killed');
    const resumed = await pretrainLanguageModel(options({ ...settings, outputDir: dir }));
    expect(resumed.resumedFrom).toBe(10);
    expect(resumed.lossCurve).toEqual(whole.lossCurve);
    expect(readFileSync(resumed.modelPath).equals(readFileSync(whole.modelPath))).toBe(true);
  });

  it('needs a tokenizer with [MASK] (UNKNOWN_TOKEN)', async () => {
    const noMask = await toyTokenizer(['[PAD]', '[UNK]', '[CLS]', '[SEP]']);
    await expect(pretrainLanguageModel(options({ tokenizer: noMask }))).rejects.toMatchObject({
      name: 'TrainingError',
      code: 'UNKNOWN_TOKEN',
      message: expect.stringContaining("'[MASK]'") as string,
    });
  });

  it('needs a full block of train and held-out text (NOT_ENOUGH_DATA)', async () => {
    // "the cat sees the dog ." is 6 tokens: no block of 16.
    await expect(
      pretrainLanguageModel(options({ heldOut: ['the cat sees the dog .'] })),
    ).rejects.toMatchObject({
      name: 'TrainingError',
      code: 'NOT_ENOUGH_DATA',
      message: expect.stringContaining('held-out text (0)') as string,
    });
    await expect(
      pretrainLanguageModel(options({ train: ['the cat sees the dog .'] })),
    ).rejects.toMatchObject({ code: 'NOT_ENOUGH_DATA' });
  });
});
