import { describe, expect, it } from 'vitest';
import type { FinetuneRun } from './report-types';
import { bestAndWorst, cellName, summarizeCells } from './summarize-cells';

function run(over: Partial<FinetuneRun>): FinetuneRun {
  return {
    strategy: 'full',
    init: 'pretrained',
    trainSize: 100,
    seed: 0,
    accuracy: 0.9,
    precision: 0.9,
    recall: 0.9,
    f1: 0.9,
    confusion: [
      [10, 1],
      [2, 7],
    ],
    accuracyCi: [0.8, 1],
    lossCurve: [],
    seconds: 1,
    ...over,
  };
}

describe('summarizeCells', () => {
  const cells = summarizeCells([
    run({ strategy: 'head-only', seed: 1, accuracy: 0.7 }),
    run({ strategy: 'full', init: 'random', trainSize: 50, accuracy: 0.6, accuracyCi: [0.5, 0.7] }),
    run({ seed: 2, accuracy: 0.8, accuracyCi: [0.7, 0.9] }),
    run({ seed: 1, accuracy: 0.9, accuracyCi: [0.8, 1] }),
    run({ seed: 3, accuracy: 1, f1: 0.6, accuracyCi: [0.9, 1] }),
    run({ strategy: 'full', trainSize: 50, accuracy: 0.5 }),
  ]);

  it('orders cells by strategy, then init (pretrained first), then train size', () => {
    expect(cells.map(cellName)).toEqual([
      'full · pretrained · 50',
      'full · pretrained · 100',
      'full · random · 50',
      'head-only · pretrained · 100',
    ]);
  });

  it('summarises accuracy over seeds with the sample std', () => {
    const c = cells[1]!;
    expect(c.runs.map((r) => r.seed)).toEqual([1, 2, 3]);
    // mean(0.9, 0.8, 1) = 0.9; sample variance = (0 + 0.01 + 0.01) / 2 = 0.01 → std 0.1.
    expect(c.accuracy.mean).toBeCloseTo(0.9, 12);
    expect(c.accuracy.std).toBeCloseTo(0.1, 12);
    expect([c.accuracy.min, c.accuracy.max]).toEqual([0.8, 1]);
    expect(c.f1.mean).toBeCloseTo((0.9 + 0.9 + 0.6) / 3, 12);
  });

  it('averages the seeds’ CI bounds and sums their confusion counts', () => {
    const c = cells[1]!;
    expect(c.ci[0]).toBeCloseTo((0.8 + 0.7 + 0.9) / 3, 12);
    expect(c.ci[1]).toBeCloseTo((1 + 0.9 + 1) / 3, 12);
    expect(c.confusion).toEqual([
      [30, 3],
      [6, 21],
    ]);
  });

  it('finds the best and worst cell by mean accuracy', () => {
    const bw = bestAndWorst(cells)!;
    expect(cellName(bw.best)).toBe('full · pretrained · 100');
    expect(cellName(bw.worst)).toBe('full · pretrained · 50');
    expect(bestAndWorst([])).toBeUndefined();
  });
});
