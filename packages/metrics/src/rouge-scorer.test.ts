import { readReference } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { corpusRouge } from './corpus-rouge';
import type { CorpusRougeResult } from './corpus-rouge';
import { containsNaN } from './expect-close.test-helper';
import { porterStem } from './porter-stemmer';
import { RougeScorer } from './rouge-scorer';
import type { RougeScore } from './rouge-scorer';
import { rougeTokenize } from './rouge-tokenize';

interface RougeArgs {
  target?: string;
  targets?: string[];
  prediction?: string;
  predictions?: string[];
  rouge_types?: string[];
  use_stemmer?: boolean;
  text?: string;
  words?: string[];
}
interface CorpusExpected {
  per_item: Record<string, RougeScore>[];
  mean: Record<string, RougeScore>;
}
const { cases } = readReference<RougeArgs, unknown>('metrics/rouge.json');

function expectScores(
  actual: Record<string, RougeScore>,
  expected: Record<string, RougeScore>,
): void {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const [type, e] of Object.entries(expected)) {
    const a = actual[type] as RougeScore;
    for (const field of ['precision', 'recall', 'fmeasure'] as const) {
      if (Number.isNaN(e[field])) expect(a[field]).toBeNaN();
      else expect(Math.abs(a[field] - e[field])).toBeLessThanOrEqual(1e-9);
    }
  }
}

describe('RougeScorer', () => {
  const pairs = cases.filter((c) => c.metric === 'rouge');
  it.each(pairs.filter((c) => c.expected))('$id $tags matches rouge-score 0.1.2', (c) => {
    const scorer = new RougeScorer(c.args.rouge_types, { useStemmer: c.args.use_stemmer ?? false });
    const result = c.args.targets
      ? scorer.scoreMulti(c.args.targets, c.args.prediction ?? '')
      : scorer.score(c.args.target ?? '', c.args.prediction ?? '');
    expectScores(result, c.expected as Record<string, RougeScore>);
  });

  it.each(pairs.filter((c) => c.error))(
    '$id throws INVALID_OPTION where rouge-score raises "$error.message"',
    (c) => {
      const attempt = (): unknown =>
        new RougeScorer(c.args.rouge_types).score(c.args.target ?? '', c.args.prediction ?? '');
      expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
      expect(attempt).toThrow(c.error?.message);
    },
  );

  it('throws EMPTY_INPUT for scoreMulti without targets and INVALID_INPUT for non-strings', () => {
    expect(() => new RougeScorer().scoreMulti([], 'a')).toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }),
    );
    expect(() => new RougeScorer().score(1 as unknown as string, 'a')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('corpusRouge', () => {
  // rouge-0054, the empty corpus: numpy's mean of nothing is NaN there; we throw EMPTY_INPUT.
  it.each(cases.filter((c) => c.metric === 'rouge_corpus' && containsNaN(c.expected)))(
    '$id $tags throws EMPTY_INPUT where rouge-score returns NaN',
    (c) => {
      expect(() => corpusRouge(c.args.targets ?? [], c.args.predictions ?? [])).toThrow(
        expect.objectContaining({ code: 'EMPTY_INPUT' }),
      );
    },
  );
  it.each(cases.filter((c) => c.metric === 'rouge_corpus' && !containsNaN(c.expected)))(
    '$id $tags matches rouge-score per item and mean',
    (c) => {
      const options: { rougeTypes?: string[]; useStemmer?: boolean } = {};
      if (c.args.rouge_types) options.rougeTypes = c.args.rouge_types;
      if (c.args.use_stemmer !== undefined) options.useStemmer = c.args.use_stemmer;
      const result: CorpusRougeResult = corpusRouge(
        c.args.targets ?? [],
        c.args.predictions ?? [],
        options,
      );
      const expected = c.expected as CorpusExpected;
      expect(result.perItem).toHaveLength(expected.per_item.length);
      result.perItem.forEach((item, i) =>
        expectScores(item, expected.per_item[i] as Record<string, RougeScore>),
      );
      expectScores(result.mean, expected.mean);
    },
  );

  it('throws LENGTH_MISMATCH for lists of different lengths', () => {
    expect(() => corpusRouge(['a'], [])).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH' }),
    );
  });
});

describe('rougeTokenize', () => {
  it.each(cases.filter((c) => c.metric === 'rouge_tokenize'))(
    '$id $tags matches rouge-score',
    (c) => {
      expect(rougeTokenize(c.args.text ?? '', { useStemmer: c.args.use_stemmer ?? false })).toEqual(
        c.expected,
      );
    },
  );
});

describe('porterStem', () => {
  it.each(cases.filter((c) => c.metric === 'porter_stem'))('$id $tags matches NLTK 3.8', (c) => {
    expect((c.args.words ?? []).map(porterStem)).toEqual(c.expected);
  });
});
