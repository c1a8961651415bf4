import type { Tokenizer } from '@nlpft/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { finetuneClassifier } from './finetune';
import type { FinetuneOptions } from './finetune';
import { TINY, keywordTask, toyTokenizer } from './toy-data.test-helper';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await toyTokenizer();
});

const TRAIN = keywordTask(64, 3);
const TEST = keywordTask(64, 4);

function options(overrides: Partial<FinetuneOptions> = {}): FinetuneOptions {
  return {
    tokenizer,
    train: TRAIN,
    test: TEST,
    model: { ...TINY, layers: 2 },
    architecture: 'gpt2',
    strategy: 'full',
    epochs: 1,
    batchSize: 16,
    learningRate: 1e-2,
    ...overrides,
  };
}

/** Step 1's loss: that of the starting weights on the first batch (dropout 0 in TINY). */
const firstLoss = async (o: Partial<FinetuneOptions>): Promise<number> =>
  (await finetuneClassifier(options(o))).lossCurve[0]!.loss;

describe('finetuneClassifier pooling', () => {
  it("'last' learns the keyword task from the last token's state (GPT-2 from scratch)", async () => {
    const r = await finetuneClassifier(options({ pooling: 'last', epochs: 5 }));
    expect(r.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it.each(['gpt2', 'bert'] as const)(
    '%s: each pooling reads other states, so the same weights start from another loss',
    async (architecture) => {
      const poolings =
        architecture === 'gpt2' ? (['mean', 'last'] as const) : (['mean', 'last', 'cls'] as const);
      const losses = await Promise.all(
        poolings.map((pooling) => firstLoss({ architecture, model: TINY, pooling })),
      );
      expect(new Set(losses).size).toBe(poolings.length);
      for (const l of losses) expect(Number.isFinite(l)).toBe(true);
    },
  );

  it("refuses 'cls' for GPT-2, whose position 0 has read only the first word (INVALID_OPTION)", async () => {
    await expect(finetuneClassifier(options({ pooling: 'cls' }))).rejects.toMatchObject({
      name: 'TrainingError',
      code: 'INVALID_OPTION',
      message: expect.stringContaining("pooling 'cls' with architecture 'gpt2'") as string,
    });
  });

  it('rejects an unknown pooling (INVALID_OPTION)', async () => {
    await expect(
      finetuneClassifier(options({ pooling: 'max' as unknown as 'mean' })),
    ).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining('pooling') as string,
    });
  });
});
