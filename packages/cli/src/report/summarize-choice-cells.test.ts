import { describe, expect, it } from 'vitest';
import type { ChoiceRun } from './report-types';
import { bestChoiceCellPerSize, summarizeChoiceCells } from './summarize-choice-cells';

const run = (
  strategy: ChoiceRun['strategy'],
  init: ChoiceRun['init'],
  trainSize: number,
  seed: number,
  accuracy: number,
): ChoiceRun => ({ strategy, init, trainSize, seed, accuracy, lossCurve: [], seconds: 1 });

describe('summarizeChoiceCells', () => {
  const cells = summarizeChoiceCells([
    run('likelihood', 'pretrained', 10, 1, 0.9),
    run('full', 'random', 10, 0, 0.5),
    run('likelihood', 'pretrained', 10, 0, 0.7),
    run('full', 'pretrained', 100, 0, 0.8),
    run('full', 'pretrained', 10, 0, 0.6),
  ]);

  it('orders cells: pipeline strategies then likelihood, pretrained first, small first', () => {
    expect(cells.map((c) => `${c.strategy} ${c.init} ${c.trainSize}`)).toEqual([
      'full pretrained 10',
      'full pretrained 100',
      'full random 10',
      'likelihood pretrained 10',
    ]);
  });

  it('sorts seeds and takes mean and sample std over them', () => {
    const lik = cells[3]!;
    expect(lik.runs.map((r) => r.seed)).toEqual([0, 1]);
    expect(lik.accuracy.mean).toBeCloseTo(0.8, 10);
    expect(lik.accuracy.std).toBeCloseTo(Math.sqrt(0.02), 10); // ((0.1² + 0.1²) / 1)^½
    expect(cells[0]!.accuracy.std).toBeNull(); // one seed
  });

  it('picks the best cell of each train size', () => {
    expect(bestChoiceCellPerSize(cells).map((c) => `${c.strategy} ${c.trainSize}`)).toEqual([
      'likelihood 10',
      'full 100',
    ]);
  });
});
