import { readReference } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { corpusTer, sentenceTer, terFromStatistics, terStatistics } from './corpus-ter';
import type { TerOptions, TerScore } from './corpus-ter';
import { tercomTokenize } from './ter-tokenizer';

interface TerArgs {
  hypotheses?: string[];
  references: (string | null)[][] | string[];
  hypothesis?: string;
  normalized?: boolean;
  no_punct?: boolean;
  asian_support?: boolean;
  case_sensitive?: boolean;
}
interface TerExpected {
  score: number;
  num_edits: number;
  ref_length: number;
  formatted: string;
  signature: string;
}
const { cases } = readReference<TerArgs, TerExpected>('metrics/ter.json', { revive: false });

function optionsOf(args: TerArgs): TerOptions {
  const options: TerOptions = {};
  if (args.normalized !== undefined) options.normalized = args.normalized;
  if (args.no_punct !== undefined) options.noPunct = args.no_punct;
  if (args.asian_support !== undefined) options.asianSupport = args.asian_support;
  if (args.case_sensitive !== undefined) options.caseSensitive = args.case_sensitive;
  return options;
}

function expectScore(actual: TerScore, expected: TerExpected): void {
  expect(Math.abs(actual.score - expected.score)).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected.score)),
  );
  expect(actual.numEdits).toBe(expected.num_edits);
  expect(actual.refLength).toBe(expected.ref_length);
  expect(actual.formatted).toBe(expected.formatted);
  expect(actual.signature).toBe(expected.signature);
}

describe('corpusTer', () => {
  it.each(cases.filter((c) => c.metric === 'ter_corpus'))(
    '$id $tags matches sacrebleu 2.4.3',
    (c) => {
      expectScore(
        corpusTer(c.args.hypotheses ?? [], c.args.references as string[][], optionsOf(c.args)),
        c.expected as TerExpected,
      );
    },
  );
  it('throws EMPTY_INPUT, LENGTH_MISMATCH and INVALID_OPTION', () => {
    expect(() => corpusTer([], [[]])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => corpusTer(['a', 'b'], [['a']])).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH' }),
    );
    expect(() => corpusTer(['a'], [['a']], { normalized: 'yes' as unknown as boolean })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('sentenceTer', () => {
  it.each(cases.filter((c) => c.metric === 'ter_sentence'))(
    '$id $tags matches sacrebleu 2.4.3',
    (c) => {
      expectScore(
        sentenceTer(c.args.hypothesis ?? '', c.args.references as string[], optionsOf(c.args)),
        c.expected as TerExpected,
      );
    },
  );
  it('counts a block shift as one edit (Snover et al. 2006)', () => {
    // Moving "d e" to the front is one shift; no other edits remain.
    expect(sentenceTer('a b c d e', ['d e a b c']).numEdits).toBe(1);
  });
});

describe('tercomTokenize', () => {
  it('splits punctuation and possessives when normalized, and removes punctuation with noPunct', () => {
    expect(tercomTokenize("John's car, 3.14 &amp; more.", { normalized: true })).toBe(
      "john 's car , 3.14 & more .",
    );
    expect(tercomTokenize('Hi, (there)!', { noPunct: true })).toBe('hi there');
    expect(tercomTokenize('人大。', { normalized: true, asianSupport: true })).toBe('人 大 。');
  });
});

describe('terStatistics / terFromStatistics', () => {
  it.each(cases.filter((c) => c.metric === 'ter_corpus'))(
    '$id: summed statistics give the corpus score',
    (c) => {
      const options = optionsOf(c.args);
      const stats = terStatistics(
        c.args.hypotheses ?? [],
        c.args.references as string[][],
        options,
      );
      expect(terFromStatistics(stats, options)).toEqual(
        corpusTer(c.args.hypotheses ?? [], c.args.references as string[][], options),
      );
    },
  );
  it('throws INVALID_INPUT for a malformed row', () => {
    expect(() => terFromStatistics({ numRefs: 1, rows: [[1, 2, 3]] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
