import { describe, expect, it } from 'vitest';
import { corpusRouge } from './corpus-rouge';
import { meanStatistics } from './corpus-statistics';

describe('bad input to metrics is a MetricsError, never a silent result', () => {
  it('corpusRouge rejects an option key it does not have (types instead of rougeTypes)', () => {
    expect(() => corpusRouge(['a b'], ['a b'], { types: ['rouge9'] } as never)).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: 'corpusRouge: unknown option "types"; the options are rougeTypes, useStemmer',
      }),
    );
    // rouge-score accepts any rougeN with one digit: rouge9 on a two-word text has no 9-grams.
    expect(corpusRouge(['a b'], ['a b'], { rougeTypes: ['rouge9'] }).mean['rouge9']).toEqual({
      precision: 0,
      recall: 0,
      fmeasure: 0,
    });
  });

  it.each([NaN, Infinity, -Infinity, '1'])('meanStatistics rejects %s', (bad) => {
    expect(() => meanStatistics([1, bad as number])).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: `meanStatistics: scores[1] is ${String(bad)}; every score must be a finite number`,
      }),
    );
  });

  it('meanStatistics of finite scores is unchanged', () => {
    const { stats, score } = meanStatistics([1, 0, 1, 1]);
    expect(stats).toEqual([
      [1, 1],
      [0, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(score(Float64Array.of(3, 4))).toBe(0.75);
  });
});
