import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from './create-session';
import type { InferenceModel } from './create-session';
import { SequenceClassifier } from './sequence-classifier';
import { fixtureModel, maxAbsDiff, refCase, wordTokenizer } from './test-fixtures';

let bert: InferenceModel;
let gpt: InferenceModel;
beforeAll(async () => {
  bert = await createSession(fixtureModel('bert-tiny-cls'));
  gpt = await createSession(fixtureModel('gpt2-tiny-cls'));
});
afterAll(async () => {
  await Promise.all([bert.dispose(), gpt.dispose()]);
});

/** Softmax written out for the expectation. */
const softmax = (xs: number[]): number[] => {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

describe('SequenceClassifier', () => {
  it('tokenizes as the fixtures did and returns PyTorch logits in input order with batch size 2 (length-sorted)', async () => {
    const c = refCase('bert_singles');
    const clf = new SequenceClassifier(bert, wordTokenizer('bert'));
    const texts = c.texts as string[];
    expect(
      texts.map(
        (t, i) =>
          clf.encode(t).ids.length === (c.attention_mask[i] ?? []).filter((m) => m === 1).length,
      ),
    ).toEqual(texts.map(() => true));
    const out = await clf.classify(texts, { batchSize: 2 });
    out.forEach((r, i) => {
      const expected = c.logits.data.slice(i * 3, i * 3 + 3);
      expect(maxAbsDiff(r.logits, expected)).toBeLessThan(1e-4);
      expect(maxAbsDiff(r.probabilities, softmax(expected))).toBeLessThan(1e-5);
      const best = expected.indexOf(Math.max(...expected));
      expect(r.index).toBe(best);
      expect(r.label).toBe(['negative', 'neutral', 'positive'][best]);
    });
  });

  it('classifies text pairs with token type ids like PyTorch', async () => {
    const c = refCase('bert_pairs');
    const clf = new SequenceClassifier(bert, wordTokenizer('bert'));
    const out = await clf.classify(c.texts);
    expect(
      maxAbsDiff(
        out.flatMap((r) => [...r.logits]),
        c.logits.data,
      ),
    ).toBeLessThan(1e-4);
  });

  it('reads GPT-style per-position logits at the last real token (extract index)', async () => {
    const c = refCase('gpt2_right');
    const clf = new SequenceClassifier(gpt, wordTokenizer('gpt'));
    const out = await clf.classify(c.texts, { batchSize: 3 });
    const [, s, l] = c.cls_logits.dims as [number, number, number];
    out.forEach((r, i) => {
      const last = (c.attention_mask[i] ?? []).filter((m) => m === 1).length - 1;
      const at = (i * s + last) * l;
      expect(maxAbsDiff(r.logits, c.cls_logits.data.slice(at, at + l))).toBeLessThan(1e-4);
      expect(['NEG', 'POS']).toContain(r.label);
    });
  });

  it('reads at the extract token when one is given, appending it', async () => {
    const clf = new SequenceClassifier(gpt, wordTokenizer('gpt'), { extractTokenId: 3 });
    expect(clf.encode('the cat sat').ids).toEqual([
      ...wordTokenizer('gpt').encode('the cat sat').ids,
      3,
    ]);
    const raw = await gpt.run({
      input_ids: {
        type: 'int64',
        data: BigInt64Array.from(clf.encode('the cat sat').ids, BigInt),
        dims: [1, 4],
      },
      attention_mask: { type: 'int64', data: new BigInt64Array(4).fill(1n), dims: [1, 4] },
      position_ids: { type: 'int64', data: BigInt64Array.from([0n, 1n, 2n, 3n]), dims: [1, 4] },
    });
    const [r] = await clf.classify(['the cat sat']);
    expect([...r!.logits]).toEqual([...(raw['logits']!.data as Float32Array).slice(6, 8)]);
  });

  it('uses sigmoid per label for multi-label problems', async () => {
    const clf = new SequenceClassifier(bert, wordTokenizer('bert'), { problemType: 'multi_label' });
    const [r] = await clf.classify(['paris']);
    expect(
      maxAbsDiff(
        r!.probabilities,
        [...r!.logits].map((x) => 1 / (1 + Math.exp(-x))),
      ),
    ).toBeLessThan(1e-12);
  });

  it('throws SEQUENCE_TOO_LONG naming the input, and truncates when asked', async () => {
    const long = Array.from({ length: 80 }, () => 'cat').join(' ');
    const clf = new SequenceClassifier(bert, wordTokenizer('bert'));
    await expect(clf.classify(['paris', long])).rejects.toThrow(
      expect.objectContaining({
        code: 'SEQUENCE_TOO_LONG',
        message: expect.stringMatching(/input 1 is 82 tokens.*at most 64/),
      }),
    );
    const cut = new SequenceClassifier(bert, wordTokenizer('bert'), { truncation: true });
    const ids = cut.encode(long).ids;
    expect(ids).toHaveLength(64);
    expect(ids[63]).toBe(3); // [SEP] kept
    expect(await cut.classify([long])).toHaveLength(1);
  });

  it('throws VOCAB_TOO_LARGE when the tokenizer has more tokens than the embedding table', () => {
    const big = { ...wordTokenizer('bert'), vocabSize: 30522 };
    expect(() => new SequenceClassifier(bert, big)).toThrow(
      expect.objectContaining({
        code: 'VOCAB_TOO_LARGE',
        message: expect.stringMatching(/30522 tokens.*1000 rows/),
      }),
    );
  });

  it('throws VOCAB_TOO_LARGE at run time for an id past the table when the tokenizer hides its size', async () => {
    const tok = wordTokenizer('bert');
    const liar = {
      encode: () => ({ ids: [2, 5000, 3] }),
      tokenToId: (t: string) => tok.tokenToId(t),
    };
    const clf = new SequenceClassifier(bert, liar);
    await expect(clf.classify(['x'])).rejects.toThrow(
      expect.objectContaining({
        code: 'VOCAB_TOO_LARGE',
        message: expect.stringContaining('5000'),
      }),
    );
  });

  it('throws BATCH_TOO_LARGE in words before running', async () => {
    const clf = new SequenceClassifier(gpt, wordTokenizer('gpt'));
    await expect(clf.classify(['the cat sat'], { maxBatchBytes: 16 })).rejects.toThrow(
      expect.objectContaining({
        code: 'BATCH_TOO_LARGE',
        message: expect.stringMatching(
          /1 sequences × 3 tokens.*logits \[1, 3, 2\] float32 = 24 bytes/,
        ),
      }),
    );
  });

  it('throws MISSING_OUTPUT listing the outputs for a model without logits', async () => {
    const base = await createSession(fixtureModel('bert-tiny'));
    expect(() => new SequenceClassifier(base, wordTokenizer('bert'))).toThrow(
      expect.objectContaining({
        code: 'MISSING_OUTPUT',
        message: expect.stringContaining('last_hidden_state'),
      }),
    );
    await base.dispose();
  });

  it('throws EMPTY_INPUT for an input without tokens', async () => {
    const clf = new SequenceClassifier(gpt, wordTokenizer('gpt'));
    await expect(clf.classify([''])).rejects.toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }),
    );
  });
});
