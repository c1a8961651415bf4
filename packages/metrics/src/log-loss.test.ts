import { describe, expect, it } from 'vitest';
import { logLoss } from './log-loss';
import { metricsError } from './metrics-error.test-helper';

describe('logLoss', () => {
  it('is the mean −log of the true class probability', () => {
    expect(
      logLoss(
        [0, 1, 2],
        [
          [0.5, 0.25, 0.25],
          [0.2, 0.6, 0.2],
          [0.1, 0.1, 0.8],
        ],
      ),
    ).toBeCloseTo(-(Math.log(0.5) + Math.log(0.6) + Math.log(0.8)) / 3, 14);
  });

  it('clips a zero probability to float64 epsilon, as scikit-learn 1.2 eps="auto"', () => {
    expect(logLoss([0, 1], [1, 1])).toBeCloseTo(-Math.log(Number.EPSILON) / 2, 12);
    // 1 − (1 − 1e-15) is 1.11e-15 in float64: scikit-learn forms 1 − p after clipping, and so do we.
    const hi = 1 - 1e-15;
    expect(logLoss([0, 1], [1, 1], { eps: 1e-15 })).toBeCloseTo(-Math.log(1 - hi) / 2, 12);
  });

  it('renormalises rows that do not sum to 1, as scikit-learn 1.2 (silently)', () => {
    expect(
      logLoss(
        [0, 1],
        [
          [0.2, 0.2],
          [0.1, 0.3],
        ],
      ),
    ).toBeCloseTo(-(Math.log(0.5) + Math.log(0.75)) / 2, 14);
  });

  it('scores a class that only labels names', () => {
    const p = [
      [0.2, 0.5, 0.3],
      [0.1, 0.1, 0.8],
    ];
    expect(logLoss(['cat', 'dog'], p, { labels: ['dog', 'cat', 'bird'] })).toBeCloseTo(
      -(Math.log(0.5) + Math.log(0.8)) / 2,
      14,
    );
  });

  it('throws INVALID_INPUT for probabilities outside [0, 1] or NaN, where scikit-learn clips', () => {
    expect(() => logLoss([0, 1], [1.5, 0.2])).toThrow(metricsError('INVALID_INPUT'));
    expect(() =>
      logLoss(
        [0, 1],
        [
          [0.5, 0.5],
          [NaN, 0.5],
        ],
      ),
    ).toThrow(metricsError('INVALID_INPUT'));
  });

  it('throws UNKNOWN_LABEL for a yTrue label missing from labels', () => {
    expect(() => logLoss([0, 1, 2], [0.5, 0.3, 0.2], { labels: [0, 1] })).toThrow(
      metricsError('UNKNOWN_LABEL'),
    );
  });

  it('throws when the columns do not match the classes, or rows are ragged', () => {
    expect(() => logLoss([0, 1, 2], [0.2, 0.8, 0.4])).toThrow(metricsError('INVALID_INPUT'));
    expect(() => logLoss([0, 1], [[0.2, 0.8], [0.3]])).toThrow(metricsError('INVALID_INPUT'));
    expect(() => logLoss([1, 1], [0.2, 0.3])).toThrow(metricsError('INVALID_INPUT'));
    expect(() => logLoss([0, 1], [0.2, 0.3], { labels: [1] })).toThrow(
      metricsError('INVALID_OPTION'),
    );
  });

  it('rejects unequal lengths, empty input, a bad eps and zero weight sums', () => {
    expect(() => logLoss([0, 1, 1], [0.2, 0.3])).toThrow(metricsError('LENGTH_MISMATCH'));
    expect(() => logLoss([], [])).toThrow(metricsError('EMPTY_INPUT'));
    expect(() => logLoss([0, 1], [0.2, 0.3], { eps: 0 })).toThrow(metricsError('INVALID_OPTION'));
    expect(() => logLoss([0, 1], [0.2, 0.3], { sampleWeight: [0, 0] })).toThrow(
      metricsError('INVALID_OPTION'),
    );
  });
});
