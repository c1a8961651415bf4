import { describe, expect, it } from 'vitest';
import { calibrationCurve } from './calibration-curve';
import { metricsError } from './metrics-error.test-helper';

describe('calibrationCurve', () => {
  it('puts a probability on an edge into the lower bin, with numpy linspace edges', () => {
    // linspace(0, 1, 11)[3] is 3 × 0.1 = 0.30000000000000004, so 0.3 and that edge share bin (0.2, 0.3].
    const r = calibrationCurve([0, 1], [0.3, 0.30000000000000004], { nBins: 10 });
    expect(r).toEqual({ probTrue: [0.5], probPred: [0.30000000000000004 / 2 + 0.3 / 2] });
  });

  it('leaves empty bins out', () => {
    const r = calibrationCurve([0, 1, 1], [0.05, 0.95, 0.93], { nBins: 10 });
    expect(r.probTrue).toEqual([0, 1]);
  });

  it('cuts quantile bins at equal counts', () => {
    const r = calibrationCurve([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9], {
      nBins: 2,
      strategy: 'quantile',
    });
    expect(r.probTrue).toEqual([0, 1]);
    expect(r.probPred[0]).toBeCloseTo(0.15, 15);
  });

  it.each([0, -1, 1.5, NaN])('rejects nBins %s, where scikit-learn 1.2 makes one bin', (nBins) => {
    expect(() => calibrationCurve([0, 1], [0.1, 0.2], { nBins })).toThrow(
      metricsError('INVALID_OPTION'),
    );
  });

  it('rejects an unknown strategy', () => {
    expect(() => calibrationCurve([0, 1], [0.1, 0.2], { strategy: 'median' as never })).toThrow(
      metricsError('INVALID_OPTION'),
    );
  });

  it('rejects probabilities outside [0, 1] and NaN', () => {
    expect(() => calibrationCurve([0, 1], [0.1, 1.2])).toThrow(metricsError('INVALID_INPUT'));
    expect(() => calibrationCurve([0, 1], [NaN, 0.2])).toThrow(metricsError('INVALID_INPUT'));
  });

  it('needs posLabel for labels other than {0, 1} and {-1, 1}, and at most two labels', () => {
    expect(() => calibrationCurve([1, 2], [0.1, 0.2])).toThrow(metricsError('INVALID_INPUT'));
    expect(calibrationCurve([1, 2], [0.1, 0.2], { posLabel: 2, nBins: 1 }).probTrue).toEqual([0.5]);
    expect(() => calibrationCurve([0, 1, 2], [0.1, 0.2, 0.3], { posLabel: 1 })).toThrow(
      metricsError('INVALID_INPUT'),
    );
  });

  it('rejects unequal lengths and empty input', () => {
    expect(() => calibrationCurve([0, 1, 1], [0.1, 0.2])).toThrow(metricsError('LENGTH_MISMATCH'));
    expect(() => calibrationCurve([], [])).toThrow(metricsError('EMPTY_INPUT'));
  });
});
