import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, maxCalibrationError } from './calibration-error';
import { reliabilityDiagram } from './reliability-diagram';
import { metricsError } from './metrics-error.test-helper';

const probs = [
  [0.9, 0.1],
  [0.2, 0.8],
  [0.6, 0.4],
  [0.3, 0.7],
];

describe('reliabilityDiagram', () => {
  it('bins top-label confidences into (i/M, (i+1)/M] and compares them with accuracy', () => {
    const d = reliabilityDiagram([0, 1, 1, 0], probs, { nBins: 5 });
    expect(d.bins.map((b) => b.count)).toEqual([0, 0, 1, 2, 1]);
    // 0.6 sits on the edge 3/5 and belongs to (0.4, 0.6]; it is wrong (true class 1).
    expect(d.bins[2]).toMatchObject({ lower: 0.4, upper: 0.6, accuracy: 0, confidence: 0.6 });
    expect(d.bins[0]).toMatchObject({ accuracy: null, confidence: null });
    const gaps = [1 * 0.6, 2 * Math.abs(0.5 - 0.75), 1 * 0.1];
    expect(d.expectedCalibrationError).toBeCloseTo(gaps.reduce((a, b) => a + b) / 4, 14);
    expect(d.maxCalibrationError).toBeCloseTo(0.6, 14);
  });

  it('gives the same numbers through expectedCalibrationError and maxCalibrationError', () => {
    const d = reliabilityDiagram([0, 1, 1, 0], probs);
    expect(expectedCalibrationError([0, 1, 1, 0], probs)).toBe(d.expectedCalibrationError);
    expect(maxCalibrationError([0, 1, 1, 0], probs)).toBe(d.maxCalibrationError);
  });

  it('maps string labels to columns through labels', () => {
    const d = reliabilityDiagram(
      ['neg', 'pos'],
      [
        [0.9, 0.1],
        [0.2, 0.8],
      ],
      { labels: ['neg', 'pos'] },
    );
    expect(d.maxCalibrationError).toBeCloseTo(0.2, 14);
  });

  it('rejects rows that do not sum to 1, such as logits', () => {
    expect(() => expectedCalibrationError([0], [[2.3, -1.2]])).toThrow(
      metricsError('INVALID_INPUT'),
    );
    expect(() => expectedCalibrationError([0], [[0.5, 0.6]])).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^expectedCalibrationError: probs\[0\] sums to 1\.1/),
      }),
    );
  });

  it('rejects labels that name no column and labels that do not match the columns', () => {
    expect(() => maxCalibrationError([2], [[0.5, 0.5]])).toThrow(metricsError('UNKNOWN_LABEL'));
    expect(() => maxCalibrationError([0], [[0.5, 0.5]], { labels: [0] })).toThrow(
      metricsError('INVALID_OPTION'),
    );
    expect(() => maxCalibrationError([0], [[0.5, 0.5]], { labels: [0, 0] })).toThrow(
      metricsError('INVALID_OPTION'),
    );
  });

  it('rejects nBins < 1, empty input, unequal lengths and ragged rows', () => {
    expect(() => reliabilityDiagram([0], [[1, 0]], { nBins: 0 })).toThrow(
      metricsError('INVALID_OPTION'),
    );
    expect(() => reliabilityDiagram([], [])).toThrow(metricsError('EMPTY_INPUT'));
    expect(() => reliabilityDiagram([0, 1], [[1, 0]])).toThrow(metricsError('LENGTH_MISMATCH'));
    expect(() => reliabilityDiagram([0, 1], [[1, 0], [1]])).toThrow(metricsError('INVALID_INPUT'));
  });
});
