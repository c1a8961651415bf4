import { describe, expect, it } from 'vitest';
import { classificationScores } from './classification-metrics';

const yTrue = [0, 1, 2, 2, 1, 0, 2, 1];
const yPred = [0, 2, 2, 1, 1, 0, 2, 0];

describe('classificationScores', () => {
  it('macro-averages over numLabels labels given in the options object', () => {
    const s = classificationScores(yTrue, yPred, { numLabels: 3 });
    expect(s.accuracy).toBeCloseTo(5 / 8, 12);
    expect(s.confusion).toEqual([
      [2, 0, 0],
      [1, 1, 1],
      [0, 1, 2],
    ]);
    expect(s.accuracyCi[0]).toBeLessThanOrEqual(s.accuracy);
    expect(s.accuracyCi[1]).toBeGreaterThanOrEqual(s.accuracy);
  });

  it('gives the same scores through the deprecated positional form', () => {
    expect(classificationScores(yTrue, yPred, undefined, 3)).toEqual(
      classificationScores(yTrue, yPred, { numLabels: 3 }),
    );
    expect(classificationScores(yTrue, yPred, 7, 3)).toEqual(
      classificationScores(yTrue, yPred, { seed: 7, numLabels: 3 }),
    );
  });

  it('defaults to two labels and seed 12345', () => {
    const binaryTrue = [0, 1, 1, 0, 1];
    const binaryPred = [0, 1, 0, 0, 1];
    expect(classificationScores(binaryTrue, binaryPred)).toEqual(
      classificationScores(binaryTrue, binaryPred, { seed: 12345, numLabels: 2 }),
    );
    expect(classificationScores(binaryTrue, binaryPred).precision).toBe(1);
  });
});
