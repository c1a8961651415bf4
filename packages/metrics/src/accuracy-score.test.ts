import { describe, expect, it } from 'vitest';
import { accuracyScore } from './accuracy-score';

describe('accuracyScore', () => {
  it('is the fraction of equal labels', () => {
    // 2 of 4 match.
    expect(accuracyScore([0, 1, 2, 3], [0, 2, 1, 3])).toBe(0.5);
  });

  it('counts instead of averaging with normalize: false', () => {
    expect(accuracyScore(['a', 'b', 'c'], ['a', 'b', 'b'], { normalize: false })).toBe(2);
  });

  it('weights samples', () => {
    // correct weights 1 + 3 over a total of 1 + 2 + 3.
    expect(accuracyScore([1, 0, 1], [1, 1, 1], { sampleWeight: [1, 2, 3] })).toBeCloseTo(4 / 6, 15);
  });

  it('throws LENGTH_MISMATCH naming both lengths', () => {
    expect(() => accuracyScore([1, 0], [1])).toThrow(
      expect.objectContaining({
        code: 'LENGTH_MISMATCH',
        message: expect.stringContaining('yTrue has 2'),
      }),
    );
  });
});
