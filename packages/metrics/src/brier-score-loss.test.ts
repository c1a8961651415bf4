import { describe, expect, it } from 'vitest';
import { brierScoreLoss } from './brier-score-loss';
import { metricsError } from './metrics-error.test-helper';

describe('brierScoreLoss', () => {
  it('is the mean squared gap between probability and outcome', () => {
    expect(brierScoreLoss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3])).toBeCloseTo(
      (0.01 + 0.01 + 0.04 + 0.09) / 4,
      15,
    );
  });

  it('takes the greater number as positive without posLabel, as scikit-learn 1.2', () => {
    expect(brierScoreLoss([1, 2], [0.1, 0.8])).toBeCloseTo((0.01 + 0.04) / 2, 15);
  });

  it('rejects more than two labels', () => {
    expect(() => brierScoreLoss([0, 1, 2], [0.1, 0.5, 0.9])).toThrow(metricsError('INVALID_INPUT'));
  });

  it('rejects string labels without posLabel, and a posLabel of the other kind', () => {
    expect(() => brierScoreLoss(['a', 'b'], [0.1, 0.9])).toThrow(metricsError('INVALID_INPUT'));
    expect(() => brierScoreLoss(['a', 'b'], [0.1, 0.9], { posLabel: 1 })).toThrow(
      metricsError('INVALID_OPTION'),
    );
  });

  it.each([1.2, -0.1, NaN])('rejects the probability %s', (p) => {
    expect(() => brierScoreLoss([0, 1], [0.5, p])).toThrow(metricsError('INVALID_INPUT'));
  });

  it('rejects unequal lengths, empty input, zero weight sums and unknown options', () => {
    expect(() => brierScoreLoss([0, 1, 1], [0.1, 0.2])).toThrow(metricsError('LENGTH_MISMATCH'));
    expect(() => brierScoreLoss([0, 1], [0.1, 0.2], { sampleWeight: [1] })).toThrow(
      metricsError('LENGTH_MISMATCH'),
    );
    expect(() => brierScoreLoss([], [])).toThrow(metricsError('EMPTY_INPUT'));
    expect(() => brierScoreLoss([0, 1], [0.1, 0.2], { sampleWeight: [0, 0] })).toThrow(
      metricsError('INVALID_OPTION'),
    );
    expect(() => brierScoreLoss([0, 1], [0.1, 0.2], { pos_label: 1 } as never)).toThrow(
      metricsError('INVALID_OPTION'),
    );
  });
});
