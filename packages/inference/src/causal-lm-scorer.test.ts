import { readModelFile } from '@nlpft/onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CausalLmScorer } from './causal-lm-scorer';
import { createSession } from './create-session';
import type { InferenceModel } from './create-session';
import { chooseByLikelihood } from './multiple-choice';
import { fixtureModel, maxAbsDiff, recipeReference, refCase, wordTokenizer } from './test-fixtures';

let lm: InferenceModel;
let withPast: InferenceModel;
beforeAll(async () => {
  lm = await createSession(fixtureModel('gpt2-tiny'));
  withPast = await createSession(fixtureModel('gpt2-tiny-with-past'));
});
afterAll(async () => {
  await Promise.all([lm.dispose(), withPast.dispose()]);
});

// Token log-probs are float64 log-softmax of float32 logits; onnxruntime and PyTorch differ by ~1e-6 per logit, so
// a sum of ~100 NLLs of ~7 nats agrees to ~1e-7 relative. 1e-6 relative leaves room and still catches one token
// more or less (a token is ~1/100 of the sum).
const REL = 1e-6;

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

  describe("sliding-window perplexity equals Hugging Face's recipe for every stride", () => {
    const cases = recipeReference().sliding_window;

    it('covers stride 1..maxLength and lengths around multiples of maxLength', () => {
      const strides = new Set(cases.filter((c) => c.max_length === 8).map((c) => c.stride));
      expect([...strides].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(
        cases.some((c) => c.stride === c.max_length && c.ids.length % c.max_length === 1),
      ).toBe(true);
    });

    it.each(cases)('$id: tokens and NLL equal the PyTorch recipe', async (c) => {
      const scorer = new CausalLmScorer(lm, wordTokenizer('gpt'));
      expect(scorer.encode(c.text)).toEqual(c.ids);
      const r = await scorer.perplexity([c.text], { maxLength: c.max_length, stride: c.stride });
      expect(r.tokens).toBe(c.tokens);
      expect(Number.isFinite(r.corpusPerplexity)).toBe(true);
      expect(Math.abs(r.nll / c.nll_sum - 1)).toBeLessThan(REL);
      expect(Math.abs(r.corpusPerplexity / c.perplexity - 1)).toBeLessThan(REL);
    });

    it('stride == maxLength (the reported MetricsError values[0][31]) scores all but the first token of each window', async () => {
      const c = cases.find((x) => x.id === 'L32-s32-n108')!;
      const scorer = new CausalLmScorer(lm, wordTokenizer('gpt'));
      const r = await scorer.perplexity([c.text], { maxLength: 32, stride: 32 });
      // windows [0,32) [32,64) [64,96) [96,108): 31 + 31 + 31 + 11
      expect(c.windows.map((w) => w.scored)).toEqual([31, 31, 31, 11]);
      expect(r.tokens).toBe(104);
      expect(Math.abs(r.corpusPerplexity / 1399.3909766665415 - 1)).toBeLessThan(REL);
    });
  });

  describe('a with-past export (past_key_values inputs)', () => {
    it('has the same weights as gpt2-tiny: every initializer byte-equal', () => {
      const a = readModelFile(fixtureModel('gpt2-tiny')).graph!.initializer;
      const b = readModelFile(fixtureModel('gpt2-tiny-with-past')).graph!.initializer;
      expect(b).toHaveLength(a.length);
      a.forEach((t, i) => {
        const u = b[i]!;
        // The folded transpose of the tied LM head is named by a node id that differs between the exports.
        if (t.name.startsWith('gpt.')) expect(u.name).toBe(t.name);
        expect(u.dims).toEqual(t.dims);
        expect(Buffer.from(u.rawData).equals(Buffer.from(t.rawData))).toBe(true);
      });
    });

    it('scores equal the no-past export within 1e-5 (batched, right-padded)', async () => {
      const c = refCase('gpt2_scores');
      expect(withPast.io.pastKeyValues).toHaveLength(2);
      const texts = c.texts as string[];
      const a = await new CausalLmScorer(lm, wordTokenizer('gpt')).score(texts, { batchSize: 3 });
      const b = await new CausalLmScorer(withPast, wordTokenizer('gpt')).score(texts, {
        batchSize: 3,
      });
      b.forEach((r, i) => {
        expect(maxAbsDiff(r.tokenLogProbs, a[i]!.tokenLogProbs)).toBeLessThan(1e-5);
        expect(Math.abs(r.nll - a[i]!.nll)).toBeLessThan(1e-5);
      });
    });

    it('sliding-window perplexity and chooseByLikelihood equal the no-past export within 1e-5', async () => {
      const c = recipeReference().sliding_window.find((x) => x.id === 'L32-s16-n108')!;
      const a = new CausalLmScorer(lm, wordTokenizer('gpt'));
      const b = new CausalLmScorer(withPast, wordTokenizer('gpt'));
      const pa = await a.perplexity([c.text], { maxLength: 32, stride: 16 });
      const pb = await b.perplexity([c.text], { maxLength: 32, stride: 16 });
      expect(pb.tokens).toBe(c.tokens);
      expect(Math.abs(pb.nll - pa.nll)).toBeLessThan(1e-5);
      const question = { context: 'the cat sat on the', choices: ['mat', 'river', 'king'] };
      const ca = await chooseByLikelihood(a, question);
      const cb = await chooseByLikelihood(b, question);
      expect(cb.index).toBe(ca.index);
      expect(maxAbsDiff(cb.scores, ca.scores)).toBeLessThan(1e-5);
    });
  });

  describe('score() on a text longer than the context', () => {
    it('the SEQUENCE_TOO_LONG message suggests stride, which the scorer takes', async () => {
      const c = refCase('gpt2_sliding');
      const scorer = new CausalLmScorer(lm, wordTokenizer('gpt'));
      await expect(scorer.score([c.text])).rejects.toThrow(
        expect.objectContaining({
          code: 'SEQUENCE_TOO_LONG',
          message: expect.stringMatching(/pass stride/),
        }),
      );
      await expect(scorer.score([c.text])).rejects.not.toThrow(/truncation/);
    });

    it.each([1, 16, 63])(
      'with stride %i scores every token after the first, as the recipe with maxLength n_positions',
      async (stride) => {
        const scorer = new CausalLmScorer(lm, wordTokenizer('gpt'));
        const ref = recipeReference().sliding_window.find(
          (x) => x.max_length === 64 && x.stride === stride && x.ids.length === 108,
        )!;
        const [long, short] = await scorer.score([ref.text, 'the cat sat'], { stride });
        expect(long!.tokenLogProbs).toHaveLength(ref.ids.length - 1);
        expect(ref.tokens).toBe(ref.ids.length - 1);
        expect(Math.abs(long!.nll / ref.nll_sum - 1)).toBeLessThan(REL);
        const [alone] = await scorer.score(['the cat sat']);
        expect(short!.tokenLogProbs).toEqual(alone!.tokenLogProbs);
      },
    );

    it('throws INVALID_OPTION for a stride of n_positions or more (windows must overlap)', async () => {
      const scorer = new CausalLmScorer(lm, wordTokenizer('gpt'));
      for (const stride of [0, 64, 1.5]) {
        await expect(scorer.score(['the cat sat'], { stride })).rejects.toThrow(
          expect.objectContaining({
            code: 'INVALID_OPTION',
            message: expect.stringMatching(/1\.\.63/),
          }),
        );
      }
    });

    it('perplexity throws INVALID_OPTION for maxLength beyond the model positions, EMPTY_INPUT for a one-token text', async () => {
      const scorer = new CausalLmScorer(lm, wordTokenizer('gpt'));
      await expect(scorer.perplexity(['the cat'], { maxLength: 65 })).rejects.toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTION',
          message: expect.stringMatching(/2\.\.64/),
        }),
      );
      await expect(scorer.perplexity(['cat'])).rejects.toThrow(
        expect.objectContaining({ code: 'EMPTY_INPUT' }),
      );
    });
  });
});
