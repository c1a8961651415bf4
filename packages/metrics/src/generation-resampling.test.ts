import { describe, expect, it } from 'vitest';
import { approximateRandomizationTest } from './approximate-randomization-test';
import { bootstrapConfidenceInterval } from './bootstrap-confidence-interval';
import { bleuFromTotals, bleuStatistics, corpusBleu } from './corpus-bleu';
import { chrfFromTotals, chrfStatistics, corpusChrf } from './corpus-chrf';
import { corpusTer, terFromTotals, terStatistics } from './corpus-ter';
import { pairedBootstrapTest } from './paired-bootstrap-test';

const refs = [
  'the cat sat on the mat .',
  'a dog ran across the park quickly .',
  'it rained all day in the city .',
  'she reads a book every night .',
  'they built a small house near the river .',
  'the train left the station at noon .',
];
const good = [
  'the cat sat on a mat .',
  'a dog ran through the park quickly .',
  'it rained all day in the city .',
  'she reads a book each night .',
  'they built a little house near the river .',
  'the train left the station at noon .',
];
const bad = [
  'cat mat .',
  'dog park .',
  'rain city .',
  'book night .',
  'house river .',
  'train noon .',
];

describe('statistics + totals with the resampling tests', () => {
  it('bleuFromTotals, chrfFromTotals and terFromTotals of all rows give the corpus scores', () => {
    const sum = (rows: number[][]): number[] =>
      rows.reduce((a, r) => a.map((x, j) => x + (r[j] as number)));
    expect(bleuFromTotals(sum(bleuStatistics(good, [refs]).rows))).toEqual(
      corpusBleu(good, [refs]),
    );
    expect(
      chrfFromTotals(sum(chrfStatistics(good, [refs], { wordOrder: 2 }).rows), { wordOrder: 2 }),
    ).toEqual(corpusChrf(good, [refs], { wordOrder: 2 }));
    expect(terFromTotals(sum(terStatistics(good, [refs]).rows))).toEqual(corpusTer(good, [refs]));
  });

  it('feeds bootstrapConfidenceInterval, pairedBootstrapTest and approximateRandomizationTest', () => {
    const score = (t: Float64Array): number => bleuFromTotals(t).score;
    const a = bleuStatistics(bad, [refs]).rows;
    const b = bleuStatistics(good, [refs]).rows;
    const ci = bootstrapConfidenceInterval(b, score, { seed: 7, samples: 200 });
    expect(ci.score).toBe(corpusBleu(good, [refs]).score);
    expect(pairedBootstrapTest(a, b, score, { seed: 7, samples: 200 }).pValue).toBeLessThan(0.05);
    const chrfScore = (t: Float64Array): number => chrfFromTotals(t).score;
    const ar = approximateRandomizationTest(
      chrfStatistics(bad, [refs]).rows,
      chrfStatistics(good, [refs]).rows,
      chrfScore,
      {
        seed: 7,
        samples: 500,
      },
    );
    expect(ar.pValue).toBeLessThan(0.1);
  });

  it('throws INVALID_INPUT for totals of the wrong width', () => {
    expect(() => bleuFromTotals([1, 2, 3])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => chrfFromTotals([1, 2, 3])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => terFromTotals([1])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
