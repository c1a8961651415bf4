import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brierScoreLoss } from './brier-score-loss';
import { calibrationCurve } from './calibration-curve';
import { SEED } from './hostile.test-helper';
import { logLoss } from './log-loss';
import { reliabilityDiagram } from './reliability-diagram';

const prob = fc.double({ min: 0, max: 1, noNaN: true });
// n samples of a binary target with the positive-class probability.
const binary = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), prob), {
  minLength: 1,
  maxLength: 40,
});
// n samples of a K-class target with a softmax-like row (normalised positives).
const multiclass = fc
  .integer({ min: 1, max: 5 })
  .chain((k) =>
    fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: k - 1 }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: k, maxLength: k }),
      ),
      { minLength: 1, maxLength: 40 },
    ),
  );
const run = { seed: SEED, numRuns: 200 };

describe('calibration metric invariants', () => {
  it('brierScoreLoss stays in [0, 1]', () => {
    fc.assert(
      fc.property(binary, (s) => {
        const b = brierScoreLoss(
          s.map(([y]) => y),
          s.map(([, p]) => p),
        );
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThanOrEqual(1);
      }),
      run,
    );
  });

  it('logLoss is finite and at most −log(eps)', () => {
    fc.assert(
      fc.property(binary, (s) => {
        const l = logLoss(
          s.map(([y]) => y),
          s.map(([, p]) => p),
          { labels: [0, 1] },
        );
        expect(l).toBeGreaterThanOrEqual(0);
        expect(l).toBeLessThanOrEqual(-Math.log(Number.EPSILON) + 1e-9);
      }),
      run,
    );
  });

  it('calibrationCurve points stay in [0, 1], at most nBins of them', () => {
    fc.assert(
      fc.property(binary, fc.integer({ min: 1, max: 12 }), fc.boolean(), (s, nBins, q) => {
        const c = calibrationCurve(
          s.map(([y]) => y),
          s.map(([, p]) => p),
          {
            nBins,
            strategy: q ? 'quantile' : 'uniform',
            posLabel: 1,
          },
        );
        expect(c.probTrue.length).toBe(c.probPred.length);
        expect(c.probTrue.length).toBeLessThanOrEqual(nBins);
        for (const v of [...c.probTrue, ...c.probPred]) expect(v >= 0 && v <= 1).toBe(true);
      }),
      run,
    );
  });

  it('0 ≤ ECE ≤ MCE ≤ 1, and the bins count every sample', () => {
    fc.assert(
      fc.property(multiclass, fc.integer({ min: 1, max: 20 }), (s, nBins) => {
        const probs = s.map(([, row]) => {
          const sum = row.reduce((a, b) => a + b, 0);
          return row.map((v) => Math.min(1, v / sum));
        });
        const d = reliabilityDiagram(
          s.map(([y]) => y),
          probs,
          { nBins },
        );
        expect(d.expectedCalibrationError).toBeGreaterThanOrEqual(0);
        expect(d.expectedCalibrationError).toBeLessThanOrEqual(d.maxCalibrationError + 1e-15);
        expect(d.maxCalibrationError).toBeLessThanOrEqual(1);
        expect(d.bins.reduce((a, b) => a + b.count, 0)).toBe(s.length);
      }),
      run,
    );
  });
});
