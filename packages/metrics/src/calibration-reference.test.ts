import { readFileSync } from 'node:fs';
import { reviveNonFinite, type ReferenceCase } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { brierScoreLoss } from './brier-score-loss';
import { calibrationCurve, type CalibrationStrategy } from './calibration-curve';
import { expectedCalibrationError, maxCalibrationError } from './calibration-error';
import { expectClose } from './expect-close.test-helper';
import { logLoss } from './log-loss';
import { reliabilityDiagram } from './reliability-diagram';
import type { Label } from './types';

type Args = Record<string, unknown>;
type CalibrationCase = ReferenceCase<Args> & { differs?: string };
// Made by scripts/gen-calibration-cases.py with Debian's python3-sklearn 1.2.1 (header there says how to
// rerun); the "reliability" cases come from Guo et al.'s definition in numpy, as scikit-learn 1.2 has none.
const file = JSON.parse(
  readFileSync(new URL('../fixtures/calibration-cases.json', import.meta.url), 'utf8'),
) as { count: number; cases: CalibrationCase[] };
const cases = file.cases.map((c) => ({ ...c, args: reviveNonFinite(c.args) as Args }));

// Relative 1e-12: the port follows numpy's operation order (pairwise sums, linspace and percentile edges,
// bincount's in-order sums), so results agree to the last bits; what remains is log() differing by an ulp
// between V8 and glibc and np.dot's BLAS order for unnormalised weighted log loss.
const REL = 1e-12;

function run(c: CalibrationCase): unknown {
  const a = c.args;
  const yTrue = a['y_true'] as Label[];
  const sampleWeight = a['sample_weight'] as number[] | undefined;
  switch (c.metric) {
    case 'brier_score_loss':
      return brierScoreLoss(yTrue, a['y_prob'] as number[], {
        posLabel: a['pos_label'] as Label | undefined,
        sampleWeight,
      });
    case 'log_loss':
      return logLoss(yTrue, a['y_pred'] as number[][], {
        labels: a['labels'] as Label[] | undefined,
        sampleWeight,
        normalize: a['normalize'] as boolean | undefined,
        eps: a['eps'] as number | undefined,
      });
    case 'calibration_curve': {
      const r = calibrationCurve(yTrue, a['y_prob'] as number[], {
        nBins: a['n_bins'] as number | undefined,
        strategy: a['strategy'] as CalibrationStrategy | undefined,
        posLabel: a['pos_label'] as Label | undefined,
      });
      return [r.probTrue, r.probPred];
    }
    case 'reliability': {
      const probs = a['probs'] as number[][];
      const options = {
        nBins: a['n_bins'] as number | undefined,
        labels: a['labels'] as Label[] | undefined,
      };
      const d = reliabilityDiagram(yTrue, probs, options);
      expect(expectedCalibrationError(yTrue, probs, options)).toBe(d.expectedCalibrationError);
      expect(maxCalibrationError(yTrue, probs, options)).toBe(d.maxCalibrationError);
      return {
        expected_calibration_error: d.expectedCalibrationError,
        max_calibration_error: d.maxCalibrationError,
        counts: d.bins.map((b) => b.count),
        accuracy: d.bins.map((b) => b.accuracy),
        confidence: d.bins.map((b) => b.confidence),
      };
    }
    default:
      throw new Error(`no runner for ${c.metric}`);
  }
}

describe('calibration metrics against scikit-learn 1.2.1 (scripts/gen-calibration-cases.py)', () => {
  it('reads every case the generator wrote', () => {
    expect(cases.length).toBe(file.count);
    expect(cases.length).toBeGreaterThanOrEqual(190);
  });

  const matching = cases.filter((c) => !c.error && !c.differs);
  it.each(matching.map((c) => [`${c.id} ${c.metric}`, c] as const))('%s', (_id, c) => {
    expect(c.warnings).toEqual([]);
    expectClose(run(c), reviveNonFinite(c.expected), REL);
  });

  it.each(cases.filter((c) => c.error).map((c) => [`${c.id} ${c.metric}`, c] as const))(
    '%s throws where the reference raises',
    (_id, c) => {
      expect(() => run(c)).toThrow(expect.objectContaining({ name: 'MetricsError' }));
    },
  );

  it.each(
    cases.filter((c) => c.differs).map((c) => [`${c.id} ${c.metric}: ${c.differs}`, c] as const),
  )('%s', (_id, c) => {
    expect(() => run(c)).toThrow(expect.objectContaining({ name: 'MetricsError' }));
  });
});
