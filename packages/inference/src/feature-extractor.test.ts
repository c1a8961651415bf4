import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from './create-session';
import type { InferenceModel } from './create-session';
import { FeatureExtractor, poolHiddenStates } from './feature-extractor';
import { fixtureModel, maxAbsDiff, refCase, wordTokenizer } from './test-fixtures';

let bert: InferenceModel;
beforeAll(async () => {
  bert = await createSession(fixtureModel('bert-tiny'));
});
afterAll(async () => {
  await bert.dispose();
});

/** Pooling written out over PyTorch's hidden states for one row. */
function expected(
  c: ReturnType<typeof refCase>,
  row: number,
  pooling: 'cls' | 'mean' | 'max',
  normalize: boolean,
): number[] {
  const [, s, h] = c.last_hidden_state.dims as [number, number, number];
  const len = (c.attention_mask[row] ?? []).filter((m) => m === 1).length;
  const vec = (j: number): number[] =>
    c.last_hidden_state.data.slice((row * s + j) * h, (row * s + j + 1) * h);
  let v: number[];
  if (pooling === 'cls') v = vec(0);
  else if (pooling === 'mean')
    v = vec(0).map(
      (_, k) => Array.from({ length: len }, (_, j) => vec(j)[k]!).reduce((a, b) => a + b, 0) / len,
    );
  else v = vec(0).map((_, k) => Math.max(...Array.from({ length: len }, (_, j) => vec(j)[k]!)));
  if (!normalize) return v;
  const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
  return v.map((x) => x / norm);
}

describe('FeatureExtractor', () => {
  it.each([
    ['cls', false],
    ['mean', false],
    ['max', false],
    ['mean', true],
    ['max', true],
  ] as const)(
    '%s pooling (normalize %s) over PyTorch hidden states ignores padding',
    async (pooling, normalize) => {
      const c = refCase('bert_singles');
      const fx = new FeatureExtractor(bert, wordTokenizer('bert'));
      const out = await fx.extract(c.texts as string[], { pooling, normalize, batchSize: 3 });
      out.forEach((v, i) =>
        expect(maxAbsDiff(v, expected(c, i, pooling, normalize))).toBeLessThan(1e-4),
      );
      if (normalize) out.forEach((v) => expect(Math.hypot(...v)).toBeCloseTo(1, 6));
    },
  );

  it('gives the same vector for a text alone and inside a padded batch', async () => {
    const fx = new FeatureExtractor(bert, wordTokenizer('bert'));
    const [alone] = await fx.extract(['paris']);
    const batch = await fx.extract(['the movie was great fun and the actors were good', 'paris']);
    expect(maxAbsDiff(alone!, batch[1]!)).toBeLessThan(1e-5);
  });

  it('poolHiddenStates skips positions before a left-padded row start', () => {
    const hidden = { data: Float32Array.from([9, 9, 1, 2, 3, 4]), dims: [1, 3, 2] };
    expect([...poolHiddenStates(hidden, [2], 'mean', false, [1])[0]!]).toEqual([2, 3]);
  });

  it('throws MISSING_OUTPUT for a model without last_hidden_state and INVALID_OPTION for a bad pooling', async () => {
    const cls = await createSession(fixtureModel('bert-tiny-cls'));
    expect(() => new FeatureExtractor(cls, wordTokenizer('bert'))).toThrow(
      expect.objectContaining({
        code: 'MISSING_OUTPUT',
        message: expect.stringContaining('outputs are logits'),
      }),
    );
    await cls.dispose();
    const fx = new FeatureExtractor(bert, wordTokenizer('bert'));
    await expect(fx.extract(['a'], { pooling: 'sum' as 'mean' })).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
