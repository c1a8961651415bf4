import { describe, expect, it } from 'vitest';
import { evaluateSystem, sacrebleuLine } from './evaluate-system';
import { splitSentences } from './moby-dick-sentences';
import { mulberry32, perturb } from './perturb';

const references = [
  'Call me Ishmael.',
  'Some years ago, never mind how long precisely, I thought I would sail about a little.',
  'It is a way I have of driving off the spleen and regulating the circulation.',
  'This is my substitute for pistol and ball.',
];

describe('evaluateSystem', () => {
  it('gives perfect scores to a system that repeats the references', () => {
    const r = evaluateSystem(references, references, 50);
    expect(r.bleu).toBeCloseTo(100, 10);
    expect(r.chrf).toBeCloseTo(100, 10);
    expect(r.ter).toBe(0);
    expect(r.rouge.mean['rougeL']?.fmeasure).toBe(1);
  });

  it('with words only dropped: TER = dropped words / reference words, BLEU unigram precision 100', () => {
    // Deleting words leaves a subsequence of the reference: the fewest edits is one deletion per dropped word.
    const random = mulberry32(3);
    const hyps = references.map((s) => perturb(s, { drop: 0.3 }, [], random));
    const refWords = references.join(' ').split(' ').length;
    const dropped =
      refWords -
      hyps
        .join(' ')
        .split(' ')
        .filter((w) => w !== '').length;
    expect(dropped).toBeGreaterThan(0);
    const r = evaluateSystem(hyps, references, 50);
    expect(r.ter).toBeCloseTo((100 * dropped) / refWords, 10);
    expect(r.lines[0]).toMatch(
      /^BLEU\|nrefs:1\|case:mixed\|eff:no\|tok:13a\|smooth:exp\|version:2\.4\.3 = [\d.]+ 100\.0\//,
    );
    // The bootstrap interval brackets the corpus score it resamples.
    expect(r.intervals.TER.lower).toBeLessThanOrEqual(r.ter);
    expect(r.intervals.TER.upper).toBeGreaterThanOrEqual(r.ter);
  });
});

describe('sacrebleuLine', () => {
  it("puts the signature after the metric's name", () => {
    expect(sacrebleuLine('chrF2 = 65.46', 'nrefs:1|case:mixed')).toBe(
      'chrF2|nrefs:1|case:mixed = 65.46',
    );
  });
});

describe('perturb', () => {
  it('is reproducible from the seed and changes nothing at rate 0', () => {
    const a = references.map((s) =>
      perturb(s, { drop: 0.1, substitute: 0.1, swap: 0.1 }, ['whale'], mulberry32(9)),
    );
    const b = references.map((s) =>
      perturb(s, { drop: 0.1, substitute: 0.1, swap: 0.1 }, ['whale'], mulberry32(9)),
    );
    expect(a).toEqual(b);
    expect(references.map((s) => perturb(s, {}, ['whale'], mulberry32(9)))).toEqual(references);
  });
});

describe('splitSentences', () => {
  it('splits after . ! ? and collapses whitespace', () => {
    expect(splitSentences('Call me Ishmael.  Some years\nago! Why? ')).toEqual([
      'Call me Ishmael.',
      'Some years ago!',
      'Why?',
    ]);
  });
});
