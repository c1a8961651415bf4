import { describe, expect, it } from 'vitest';
import { NaiveBayes } from './naive-bayes';

describe('NaiveBayes', () => {
  // Two classes, vocabulary {0, 1, 2}. Class 0 saw tokens [0, 0, 1], class 1 saw [2, 2, 1].
  const nb = new NaiveBayes(
    [
      [0, 0, 1],
      [2, 2, 1],
    ],
    [0, 1],
    2,
    3,
    1,
  );

  it('scores with Laplace-smoothed likelihoods and class priors', () => {
    // P(c) = 1/2; class 0: P(0) = 3/6, P(1) = 2/6, P(2) = 1/6.
    const [s0] = nb.scores([0, 2]);
    expect(s0).toBeCloseTo(Math.log(1 / 2) + Math.log(3 / 6) + Math.log(1 / 6), 12);
  });

  it('predicts the class whose tokens dominate', () => {
    expect(nb.predict([0, 0])).toBe(0);
    expect(nb.predict([2, 1, 2])).toBe(1);
  });
});
