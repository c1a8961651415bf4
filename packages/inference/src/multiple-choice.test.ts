import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CausalLmScorer } from './causal-lm-scorer';
import { createSession } from './create-session';
import type { InferenceModel } from './create-session';
import { chooseByLikelihood, MultipleChoiceHead } from './multiple-choice';
import { fixtureModel, int64, maxAbsDiff, refCase, wordTokenizer } from './test-fixtures';

let mc: InferenceModel;
let lm: InferenceModel;
beforeAll(async () => {
  mc = await createSession(fixtureModel('gpt2-tiny-mc'));
  lm = await createSession(fixtureModel('gpt2-tiny'));
});
afterAll(async () => {
  await Promise.all([mc.dispose(), lm.dispose()]);
});

describe('MultipleChoiceHead', () => {
  it('GPT double heads: mc_logits at the extract token equal PyTorch', async () => {
    const c = refCase('gpt2_mc');
    const head = new MultipleChoiceHead(mc, wordTokenizer('gpt'), { extractTokenId: 3 });
    const [r] = await head.choose([{ choices: c.choices }]);
    expect(maxAbsDiff(r!.scores, c.mc_logits.data)).toBeLessThan(1e-4);
    expect(r!.index).toBe(c.mc_logits.data.indexOf(Math.max(...c.mc_logits.data)));
    expect([...r!.probabilities].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('throws EMPTY_INPUT for a question without choices', async () => {
    const head = new MultipleChoiceHead(mc, wordTokenizer('gpt'));
    await expect(head.choose([{ choices: [] }])).rejects.toThrow(
      expect.objectContaining({
        code: 'EMPTY_INPUT',
        message: expect.stringContaining('question 0'),
      }),
    );
  });
});

describe('chooseByLikelihood', () => {
  it('scores each choice by the log-probs of its own tokens given the context', async () => {
    const tok = wordTokenizer('gpt');
    const scorer = new CausalLmScorer(lm, tok);
    const context = 'once upon a time there was a';
    const choices = ['king', 'small red house'];
    const r = await chooseByLikelihood(scorer, { context, choices }, { reduce: 'sum' });
    // expected from the raw session: sum of log-softmax at the choice positions
    for (const [i, choice] of choices.entries()) {
      const ids = [...tok.encode(`${context} ${choice}`).ids];
      const n = ids.length;
      const out = await lm.run({
        input_ids: int64([ids]),
        attention_mask: int64([ids.map(() => 1)]),
        position_ids: int64([ids.map((_, j) => j)]),
      });
      const data = out['logits']!.data as Float32Array;
      const v = 1000;
      let sum = 0;
      const ctxLen = tok.encode(context).ids.length;
      for (let j = ctxLen; j < n; j++) {
        const row = Array.from(data.subarray((j - 1) * v, j * v));
        const m = Math.max(...row);
        sum += row[ids[j]!]! - (m + Math.log(row.reduce((a, x) => a + Math.exp(x - m), 0)));
      }
      expect(r.scores[i]).toBeCloseTo(sum, 4);
    }
    const mean = await chooseByLikelihood(scorer, { context, choices });
    expect(mean.scores[1]).toBeCloseTo(r.scores[1]! / 3, 10);
  });
});
