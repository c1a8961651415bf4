import { describe, expect, it } from 'vitest';
import { f1Score } from './f1-score';
import { precisionRecallFscoreSupport } from './precision-recall-fscore-support';

describe('precisionRecallFscoreSupport', () => {
  it('with zeroDivision NaN marks ill-defined values NaN and leaves them out of averages (scikit-learn ≥ 1.3)', () => {
    // label 2 is never predicted (precision 0/0) and label 3 never occurs (recall 0/0).
    const yTrue = [0, 1, 2, 0];
    const yPred = [0, 1, 3, 1];
    const r = precisionRecallFscoreSupport(yTrue, yPred, { zeroDivision: NaN });
    expect(r.precision).toEqual([1, 0.5, NaN, 0]);
    expect(r.recall).toEqual([0.5, 1, 0, NaN]);
    expect(r.fscore).toEqual([2 / 3, 2 / 3, 0, 0]);
    const macro = precisionRecallFscoreSupport(yTrue, yPred, {
      zeroDivision: NaN,
      average: 'macro',
    });
    expect(macro.precision).toBeCloseTo(1.5 / 3, 15);
    expect(macro.recall).toBeCloseTo(1.5 / 3, 15);
  });

  it('does not depend on the label values or their order (macro F1 under relabelling)', () => {
    const yTrue = [0, 1, 2, 2, 1, 0, 2, 1, 1, 0];
    const yPred = [0, 2, 2, 1, 1, 0, 2, 0, 1, 1];
    const names = ['cat', 'ant', 'zebra'];
    const base = f1Score(yTrue, yPred, { average: 'macro' });
    expect(
      f1Score(
        yTrue.map((y) => names[y]!),
        yPred.map((y) => names[y]!),
        { average: 'macro' },
      ),
    ).toBeCloseTo(base, 15);
    expect(
      f1Score(
        yTrue.map((y) => 10 - 3 * y),
        yPred.map((y) => 10 - 3 * y),
        { average: 'macro' },
      ),
    ).toBeCloseTo(base, 15);
  });

  it('keeps every score in [0, 1] on random inputs', () => {
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rand() * 30);
      const yTrue = Array.from({ length: n }, () => Math.floor(rand() * 4));
      const yPred = Array.from({ length: n }, () => Math.floor(rand() * 4));
      for (const average of ['micro', 'macro', 'weighted'] as const) {
        const r = precisionRecallFscoreSupport(yTrue, yPred, { average, zeroDivision: 0 });
        for (const v of [r.precision, r.recall, r.fscore] as number[]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});
