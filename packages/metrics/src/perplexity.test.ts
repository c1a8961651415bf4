import { describe, expect, it } from 'vitest';
import { perplexity } from './perplexity';

describe('perplexity', () => {
  it("is the N-th root of the inverse sequence probability (the lecture's cube root is N = 3)", () => {
    const p = [0.1, 0.2, 0.4, 0.8];
    const expected = (0.1 * 0.2 * 0.4 * 0.8) ** (-1 / 4);
    expect(perplexity(p.map(Math.log)).perplexity).toBeCloseTo(expected, 12);
    expect(perplexity(p, { from: 'probs' }).perplexity).toBeCloseTo(expected, 12);
    expect(
      perplexity(
        p.map((x) => -Math.log(x)),
        { from: 'nll' },
      ).perplexity,
    ).toBeCloseTo(expected, 12);
  });

  it('gives the same perplexity in any base, with meanNll in that base', () => {
    const ln = [-1.2, -0.3, -2.5];
    const log2 = ln.map((x) => x / Math.LN2);
    const r = perplexity(log2, { base: 2 });
    expect(r.perplexity).toBeCloseTo(perplexity(ln).perplexity, 12);
    expect(r.meanNll).toBeCloseTo(4 / 3 / Math.LN2, 12);
    expect(perplexity([0.5, 0.25], { from: 'probs', base: 2 }).meanNll).toBeCloseTo(1.5, 14);
  });

  it('pools tokens over a corpus (token-weighted), unlike the mean of per-sequence perplexities', () => {
    const r = perplexity([[Math.log(0.5)], [Math.log(0.25), Math.log(0.25), Math.log(0.25)]]);
    // exp((ln 2 + 3 ln 4) / 4) = 2^(7/4)
    expect(r.perplexity).toBeCloseTo(2 ** 1.75, 12);
    expect(r.numTokens).toBe(4);
    expect(r.perSequence?.[0]).toBeCloseTo(2, 12);
    expect(r.perSequence?.[1]).toBeCloseTo(4, 12);
  });

  it('ignores masked positions (padding, prompt tokens)', () => {
    const r = perplexity(
      [
        [Math.log(0.5), -99],
        [Math.log(0.25), NaN],
      ],
      {
        mask: [
          [1, 0],
          [true, false],
        ],
      },
    );
    expect(r.numTokens).toBe(2);
    expect(r.perplexity).toBeCloseTo(Math.sqrt(8), 12);
  });
});
