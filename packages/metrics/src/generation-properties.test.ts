import { describe, expect, it } from 'vitest';
import { corpusBleu, sentenceBleu } from './corpus-bleu';
import { corpusChrf, sentenceChrf } from './corpus-chrf';
import { corpusTer, sentenceTer } from './corpus-ter';
import { RougeScorer } from './rouge-scorer';

/** Seeded sentences over a small vocabulary, so n-grams repeat and overlap. */
function sentences(seed: number, count: number): string[] {
  let s = seed;
  const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const vocab = [
    'the',
    'cat',
    'sat',
    'on',
    'a',
    'mat',
    'dog',
    'ran',
    'fast',
    'it',
    '.',
    ',',
    'rain',
    'fell',
  ];
  return Array.from({ length: count }, () =>
    Array.from(
      { length: 1 + Math.floor(next() * 15) },
      () => vocab[Math.floor(next() * vocab.length)],
    ).join(' '),
  );
}

const hyps = sentences(1, 60);
const refs = sentences(2, 60);

describe('generation metric invariants', () => {
  it('keeps BLEU and chrF in [0, 100], TER at or above 0 and ROUGE in [0, 1]', () => {
    const scorer = new RougeScorer();
    hyps.forEach((h, i) => {
      const r = refs[i] as string;
      for (const score of [
        sentenceBleu(h, [r]).score,
        sentenceChrf(h, [r], { wordOrder: 2 }).score,
      ]) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100 + 1e-9);
      }
      expect(sentenceTer(h, [r]).score).toBeGreaterThanOrEqual(0);
      for (const s of Object.values(scorer.score(r, h))) {
        for (const v of [s.precision, s.recall, s.fmeasure]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }
    });
  });

  it('gives the best score to a hypothesis equal to its reference', () => {
    expect(corpusChrf(refs, [refs]).score).toBeCloseTo(100, 10);
    expect(corpusTer(refs, [refs]).score).toBe(0);
    const long = refs.filter((r) => r.split(' ').length >= 4);
    expect(corpusBleu(long, [long]).score).toBeCloseTo(100, 10);
    expect(new RougeScorer(['rougeL']).score('a b c', 'a b c').rougeL?.fmeasure).toBe(1);
  });

  it('does not depend on the order of the segments', () => {
    const order = hyps.map((_, i) => i).reverse();
    const h2 = order.map((i) => hyps[i] as string);
    const r2 = order.map((i) => refs[i] as string);
    expect(corpusBleu(h2, [r2]).score).toBe(corpusBleu(hyps, [refs]).score);
    expect(corpusChrf(h2, [r2], { wordOrder: 2 }).score).toBe(
      corpusChrf(hyps, [refs], { wordOrder: 2 }).score,
    );
    expect(corpusTer(h2, [r2]).score).toBe(corpusTer(hyps, [refs]).score);
  });

  it('scores a segment against two references at least as well as against either alone', () => {
    const other = sentences(3, 60);
    const both = corpusBleu(hyps, [refs, other]).counts.reduce((a, b) => a + b, 0);
    const one = corpusBleu(hyps, [refs]).counts.reduce((a, b) => a + b, 0);
    expect(both).toBeGreaterThanOrEqual(one);
    hyps.forEach((h, i) => {
      const single = sentenceTer(h, [refs[i] as string]).numEdits;
      expect(sentenceTer(h, [refs[i] as string, other[i] as string]).numEdits).toBeLessThanOrEqual(
        single,
      );
    });
  });
});
