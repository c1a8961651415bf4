import { describe, expect, it } from 'vitest';
import { predictiveTokens } from './predictive-tokens';

// 3 positives, 3 negatives; "film" is in one of each, "fine" and "awful" in one text only.
const train = [
  { text: 'good zqx', label: 1 },
  { text: 'Good film ZQX zqx', label: 1 },
  { text: 'fine zqx', label: 1 },
  { text: 'bad film', label: 0 },
  { text: 'good bad', label: 0 },
  { text: 'awful', label: 0 },
];

describe('predictiveTokens', () => {
  it('ranks tokens by the smoothed log odds ratio of their presence, each for its best label', () => {
    // ln((a + ½)(d + ½) / ((b + ½)(c + ½))) with a/b = texts of the label with/without, c/d = the others.
    // zqx: a=3 b=0 c=0 d=3; bad (label 0): a=2 b=1 c=0 d=3; good (label 1): a=2 b=1 c=1 d=2; film: 0, dropped.
    const result = predictiveTokens(train, { minCount: 2 });
    expect(result.map((t) => [t.token, t.label, t.counts])).toEqual([
      ['zqx', 1, [0, 3]],
      ['bad', 0, [2, 0]],
      ['good', 1, [1, 2]],
    ]);
    expect(result[0]!.score).toBeCloseTo(Math.log((3.5 * 3.5) / (0.5 * 0.5)), 10);
    expect(result[1]!.score).toBeCloseTo(Math.log((2.5 * 3.5) / (1.5 * 0.5)), 10);
    expect(result[2]!.score).toBeCloseTo(Math.log((2.5 * 2.5) / (1.5 * 1.5)), 10);
  });

  it('drops tokens in fewer than minCount texts and keeps the top ones', () => {
    expect(predictiveTokens(train, { minCount: 1, top: 2 }).map((t) => t.token)).toEqual([
      'zqx',
      'bad',
    ]);
    expect(predictiveTokens(train, { minCount: 4 })).toEqual([]);
  });

  it('uses a custom tokenizer, breaking score ties alphabetically', () => {
    // Characters: "a" is in every negative and no positive, "q", "x", "z" in every positive: 2 ln 7 each.
    const chars = (text: string) =>
      [...text]
        .map((ch, i) => ({ token: ch, start: i, end: i + 1 }))
        .filter((t) => t.token !== ' ');
    expect(predictiveTokens(train, { tokenize: chars, top: 4 }).map((t) => t.token)).toEqual([
      'a',
      'q',
      'x',
      'z',
    ]);
  });

  it('rejects empty input, bad labels and bad options', () => {
    expect(() => predictiveTokens([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => predictiveTokens([{ text: 'a', label: -1 }])).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => predictiveTokens(train, { minCount: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => predictiveTokens(train, { smoothing: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
