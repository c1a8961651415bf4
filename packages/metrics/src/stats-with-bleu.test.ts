import { describe, expect, it } from 'vitest';
import { approximateRandomizationTest } from './approximate-randomization-test';
import { bootstrapConfidenceInterval } from './bootstrap-confidence-interval';
import { bleuFromStatistics, bleuStatistics, corpusBleu } from './corpus-bleu';
import { chrfFromStatistics, chrfStatistics, corpusChrf } from './corpus-chrf';
import { pairedBootstrapTest } from './paired-bootstrap-test';

// BLEU and chrF plug into the generic resampling API through their per-segment statistics: the scorer
// receives the summed row.
const refs = [
  'the cat sat on the mat',
  'a quick brown fox jumps over the lazy dog',
  'it is raining in the city today',
  'she bought three apples and two pears',
  'the meeting was moved to friday afternoon',
  'we walked along the river after dinner',
];
const good = [
  'the cat sat on the mat',
  'a quick brown fox jumped over the lazy dog',
  'it is raining in the city today',
  'she bought three apples and pears',
  'the meeting moved to friday afternoon',
  'we walked along the river after dinner',
];
const poor = [
  'cat on mat',
  'fox jumps dog',
  'rain in city',
  'she bought apples',
  'meeting on friday',
  'we walked after dinner',
];

const bleuOf = (hyps: string[]) => {
  const stats = bleuStatistics(hyps, [refs]);
  const score = (totals: Float64Array) =>
    bleuFromStatistics({ ...stats, rows: [Array.from(totals)] }).score;
  return { rows: stats.rows, score };
};

describe('resampling over sacrebleu-style statistics', () => {
  it('scores the full corpus exactly as corpusBleu and brackets it', () => {
    const { rows, score } = bleuOf(good);
    const ci = bootstrapConfidenceInterval(rows, score, { samples: 300 });
    expect(ci.score).toBe(corpusBleu(good, [refs]).score);
    expect(ci.lower).toBeLessThanOrEqual(ci.score);
    expect(ci.upper).toBeGreaterThanOrEqual(ci.score);
  });

  it('compares two systems with the paired tests (p = 1 against itself)', () => {
    const a = bleuOf(poor);
    const b = bleuOf(good);
    const bs = pairedBootstrapTest(a.rows, b.rows, a.score, { samples: 300 });
    expect(bs.difference).toBeCloseTo(
      corpusBleu(good, [refs]).score - corpusBleu(poor, [refs]).score,
      10,
    );
    expect(pairedBootstrapTest(a.rows, a.rows, a.score, { samples: 100 }).pValue).toBe(1);
    expect(approximateRandomizationTest(b.rows, b.rows, b.score, { samples: 100 }).pValue).toBe(1);
  });

  it('works the same way for chrF', () => {
    const stats = chrfStatistics(good, [refs]);
    const score = (totals: Float64Array) =>
      chrfFromStatistics({ ...stats, rows: [Array.from(totals)] }).score;
    expect(bootstrapConfidenceInterval(stats.rows, score, { samples: 50 }).score).toBeCloseTo(
      corpusChrf(good, [refs]).score,
      12,
    );
  });
});
