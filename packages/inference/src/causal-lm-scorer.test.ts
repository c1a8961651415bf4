import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CausalLmScorer } from './causal-lm-scorer';
import { createSession } from './create-session';
import type { InferenceModel } from './create-session';
import { fixtureModel, maxAbsDiff, refCase, wordTokenizer } from './test-fixtures';

let lm: InferenceModel;
beforeAll(async () => {
  lm = await createSession(fixtureModel('gpt2-tiny'));
});
afterAll(async () => {
  await lm.dispose();
});

describe('CausalLmScorer', () => {
  it('per-token log-probs equal PyTorch on a right-padded batch', async () => {
    const c = refCase('gpt2_right');
    const scorer = new CausalLmScorer(lm, wordTokenizer('gpt'));
    const out = await scorer.score(c.texts as string[], { batchSize: 3 });
    const s1 = c.token_log_probs.dims[1]!;
    out.forEach((r, i) => {
      expect(r.ids).toEqual(c.input_ids[i]!.slice(0, r.ids.length));
      const want = c.token_log_probs.data.slice(i * s1, i * s1 + r.tokenLogProbs.length);
      expect(maxAbsDiff(r.tokenLogProbs, want)).toBeLessThan(1e-4);
    });
  });

  it('sequence and corpus perplexity equal PyTorch (float64 log-softmax) from unpadded runs', async () => {
    const c = refCase('gpt2_scores');
    const scorer = new CausalLmScorer(lm, wordTokenizer('gpt'));
    const out = await scorer.score(c.texts as string[], { batchSize: 2 });
    out.forEach((r, i) => expect(r.perplexity / c.per_text[i]!.perplexity).toBeCloseTo(1, 4));
    const ppl = await scorer.perplexity(c.texts as string[]);
    ppl.perplexities.forEach((p, i) => expect(p / c.per_text[i]!.perplexity).toBeCloseTo(1, 4));
    expect(ppl.corpusPerplexity / c.corpus_perplexity).toBeCloseTo(1, 4);
    expect(ppl.tokens).toBe(c.per_text.reduce((a, t) => a + t.token_log_probs.length, 0));
  });

  it("sliding-window perplexity matches Hugging Face's recipe in PyTorch on a text longer than the context", async () => {
    const c = refCase('gpt2_sliding');
    const scorer = new CausalLmScorer(lm, wordTokenizer('gpt'));
    const r = await scorer.perplexity([c.text], { maxLength: c.max_length, stride: c.stride });
    expect(r.tokens).toBe(c.tokens);
    expect(r.tokens).toBe(c.ids.length - 1);
    expect(r.nll / c.nll_sum).toBeCloseTo(1, 4);
    expect(r.corpusPerplexity / c.perplexity).toBeCloseTo(1, 4);
    expect(r.perplexities[0]).toBe(r.corpusPerplexity);
  });

  it('throws SEQUENCE_TOO_LONG for score() on a text longer than n_positions, INVALID_OPTION for a bad stride', async () => {
    const c = refCase('gpt2_sliding');
    const scorer = new CausalLmScorer(lm, wordTokenizer('gpt'));
    await expect(scorer.score([c.text])).rejects.toThrow(
      expect.objectContaining({
        code: 'SEQUENCE_TOO_LONG',
        message: expect.stringMatching(/text 0 is \d+ tokens.*at most 64/),
      }),
    );
    await expect(scorer.perplexity([c.text], { stride: 0 })).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    await expect(scorer.score(['cat'])).rejects.toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }),
    );
  });
});
