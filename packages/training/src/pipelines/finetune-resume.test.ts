import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Tokenizer } from '@nlpft/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { finetuneClassifier } from './finetune';
import type { FinetuneOptions } from './finetune';
import { TINY, keywordTask, tempFolder, toyTokenizer } from './toy-data.test-helper';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await toyTokenizer();
});

describe('finetuneClassifier with a run folder', () => {
  const options = (): FinetuneOptions => ({
    tokenizer,
    train: keywordTask(48, 3),
    test: keywordTask(16, 4),
    model: { ...TINY, dropout: 0.1 },
    strategy: 'gradual-unfreezing',
    epochs: 3,
    batchSize: 8,
    learningRate: 1e-2,
  });

  it('resumes after an interruption bit for bit and returns a finished run at once', async () => {
    const straight = await finetuneClassifier({ ...options(), runDir: tempFolder() });
    const runDir = tempFolder();
    const controller = new AbortController();
    await expect(
      finetuneClassifier({
        ...options(),
        runDir,
        saveSteps: 100,
        signal: controller.signal,
        onStep: (step) => step === 7 && controller.abort(),
      }),
    ).rejects.toMatchObject({ name: 'TrainingError', code: 'INTERRUPTED' });
    expect(existsSync(join(runDir, 'train', 'checkpoint-last.json'))).toBe(true);
    const resumed = await finetuneClassifier({ ...options(), runDir });
    expect(resumed.resumedFrom).toBe(7);
    // Dropout, order and the unfreezing stages all continue where they stopped.
    expect(resumed.scores).toEqual(straight.scores);
    expect(resumed.lossCurve).toEqual(straight.lossCurve);
    const again = await finetuneClassifier({ ...options(), runDir });
    expect(again.cached).toBe(true);
    expect(again.scores).toEqual(straight.scores);
    // Another setting is another run: the folder is cleared and trained afresh.
    const other = await finetuneClassifier({ ...options(), seed: 5, runDir });
    expect(other.cached).toBe(false);
    expect(other.resumedFrom).toBe(0);
  });
});
