import { describe, expect, it } from 'vitest';
import { accuracyScore } from './accuracy-score';
import { balancedAccuracyScore } from './balanced-accuracy-score';
import {
  bleuTokenize,
  tokenize13a,
  tokenizeChar,
  tokenizeIntl,
  tokenizeZh,
} from './bleu-tokenizers';
import { classificationReport } from './classification-report';
import { cohenKappaScore } from './cohen-kappa-score';
import { bleuFromTotals, bleuStatistics, corpusBleu } from './corpus-bleu';
import { chrfFromTotals, chrfStatistics, corpusChrf, sentenceChrf } from './corpus-chrf';
import { corpusRouge } from './corpus-rouge';
import { meanStatistics } from './corpus-statistics';
import { corpusTer, terFromTotals, terStatistics } from './corpus-ter';
import { errorRate } from './error-rate';
import { expectedMaximum } from './expected-maximum';
import { f1Score } from './f1-score';
import { fleissKappa } from './fleiss-kappa';
import { leveneTest } from './levene-test';
import { perplexity } from './perplexity';
import { porterStem } from './porter-stemmer';
import { RougeScorer } from './rouge-scorer';
import { rougeTokenize } from './rouge-tokenize';
import { seedSpread } from './seed-spread';
import { tercomTokenize } from './ter-tokenizer';
import { topKAccuracyScore } from './top-k-accuracy-score';

describe('bad input to metrics is a MetricsError, never a silent result', () => {
  it('corpusRouge rejects an option key it does not have (types instead of rougeTypes)', () => {
    expect(() => corpusRouge(['a b'], ['a b'], { types: ['rouge9'] } as never)).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: 'corpusRouge: unknown option "types"; the options are rougeTypes, useStemmer',
      }),
    );
    // rouge-score accepts any rougeN with one digit: rouge9 on a two-word text has no 9-grams.
    expect(corpusRouge(['a b'], ['a b'], { rougeTypes: ['rouge9'] }).mean['rouge9']).toEqual({
      precision: 0,
      recall: 0,
      fmeasure: 0,
    });
  });

  it.each([NaN, Infinity, -Infinity, '1'])('meanStatistics rejects %s', (bad) => {
    expect(() => meanStatistics([1, bad as number])).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: `meanStatistics: scores[1] is ${String(bad)}; every score must be a finite number`,
      }),
    );
  });

  it('meanStatistics of finite scores is unchanged', () => {
    const { stats, score } = meanStatistics([1, 0, 1, 1]);
    expect(stats).toEqual([
      [1, 1],
      [0, 1],
      [1, 1],
      [1, 1],
    ]);
    expect(score(Float64Array.of(3, 4))).toBe(0.75);
  });
});

// Issue #23: the fast-check suite's shrunk counterexamples, each now a MetricsError with a code or a valid result.
const code = (c: string): Error =>
  expect.objectContaining({ name: 'MetricsError', code: c }) as Error;

describe('text functions given a non-string', () => {
  it.each([
    ['tokenize13a(0)', () => tokenize13a(0 as never)],
    ['tokenizeChar(null)', () => tokenizeChar(null as never)],
    ['tokenizeIntl(0)', () => tokenizeIntl(0 as never)],
    ['tokenizeZh(0)', () => tokenizeZh(0 as never)],
    ['porterStem(0)', () => porterStem(0 as never)],
    ['bleuTokenize(0, {})', () => bleuTokenize(0 as never, {})],
    ['tercomTokenize(5e-324, {})', () => tercomTokenize(5e-324 as never, {})],
    ['rougeTokenize(0, {})', () => rougeTokenize(0 as never, {})],
  ])('%s throws INVALID_INPUT', (_name, call) => {
    expect(call).toThrow(code('INVALID_INPUT'));
  });

  it('names the function and the argument', () => {
    expect(() => tokenize13a(0 as never)).toThrow('tokenize13a: line must be a string, got number');
  });
});

describe('corpus metrics given null options, references or totals', () => {
  it.each([
    ['corpusBleu([], [], null)', () => corpusBleu([], [], null as never)],
    ['bleuStatistics([], [], null)', () => bleuStatistics([], [], null as never)],
    ['corpusChrf([], [], null)', () => corpusChrf([], [], null as never)],
    ['chrfStatistics([], [], null)', () => chrfStatistics([], [], null as never)],
    ['corpusTer([], [], null)', () => corpusTer([], [], null as never)],
    ['terStatistics([], [], null)', () => terStatistics([], [], null as never)],
    ['RougeScorer([Symbol()], {})', () => new RougeScorer([Symbol() as never], {})],
    ['expectedMaximum([0], { budgets: 0 })', () => expectedMaximum([0], { budgets: 0 as never })],
    ['perplexity([], NaN)', () => perplexity([], NaN as never)],
  ])('%s throws INVALID_OPTION', (_name, call) => {
    expect(call).toThrow(code('INVALID_OPTION'));
  });

  it.each([
    ['bleuFromTotals(null, {})', () => bleuFromTotals(null as never, {})],
    ['terFromTotals(["\\u0000", 0], {})', () => terFromTotals(['\u0000', 0] as never, {})],
    ['terFromTotals([-1, 2])', () => terFromTotals([-1, 2])],
    ['chrfFromTotals(Array(18).fill(NaN))', () => chrfFromTotals(new Array<number>(18).fill(NaN))],
    ['corpusRouge([], null, {})', () => corpusRouge([], null as never, {})],
  ])('%s throws INVALID_INPUT', (_name, call) => {
    expect(call).toThrow(code('INVALID_INPUT'));
  });

  it('corpusRouge([], []) throws EMPTY_INPUT instead of NaN means', () => {
    expect(() => corpusRouge([], [])).toThrow(code('EMPTY_INPUT'));
  });

  it('a sentence longer than a segment may hold is INPUT_TOO_LARGE, not a hang', () => {
    const long = 'ab'.repeat(200_000);
    expect(() => sentenceChrf(long, [long], { charOrder: 100 })).toThrow(code('INPUT_TOO_LARGE'));
  });
});

describe('classification metrics on empty input ([], [])', () => {
  it.each([
    ['accuracyScore', () => accuracyScore([], [])],
    ['balancedAccuracyScore', () => balancedAccuracyScore([], [])],
    ['classificationReport outputDict', () => classificationReport([], [], { outputDict: true })],
    ['classificationReport text', () => classificationReport([], [])],
    ['cohenKappaScore', () => cohenKappaScore([], [])],
    ['errorRate', () => errorRate([], [])],
    ['f1Score macro', () => f1Score([], [], { average: 'macro' })],
  ])('%s throws EMPTY_INPUT', (_name, call) => {
    expect(call).toThrow(code('EMPTY_INPUT'));
  });

  it('a count of nothing is still 0: accuracyScore([], [], { normalize: false })', () => {
    expect(accuracyScore([], [], { normalize: false })).toBe(0);
  });
});

describe('statistics that are 0/0 on valid input', () => {
  it('cohenKappaScore([1], [1]) throws UNDEFINED_RESULT (scikit-learn: nan)', () => {
    expect(() => cohenKappaScore([1], [1])).toThrow(code('UNDEFINED_RESULT'));
  });

  it('fleissKappa([[2]]) throws UNDEFINED_RESULT (statsmodels: nan)', () => {
    expect(() => fleissKappa([[2]])).toThrow(code('UNDEFINED_RESULT'));
  });

  it('seedSpread([0]) reports std null, not NaN', () => {
    expect(seedSpread([0])).toMatchObject({
      runs: 1,
      mean: 0,
      std: null,
      meanPassed: 0,
      stdPassed: null,
    });
  });

  it('seedSpread([0.5, 0.6], { threshold: 1 }) reports meanPassed null when every run failed', () => {
    expect(seedSpread([0.5, 0.6], { threshold: 1 })).toMatchObject({
      failedRuns: [0, 1],
      meanPassed: null,
      stdPassed: null,
    });
  });
});

describe('options that are not objects, or hold values JSON cannot show', () => {
  it('topKAccuracyScore and leveneTest reject null options with INVALID_OPTION (was a TypeError)', () => {
    expect(() => topKAccuracyScore([0], [[1, 0]], null as never)).toThrow(code('INVALID_OPTION'));
    expect(() =>
      leveneTest(
        [
          [1, 2],
          [3, 4],
        ],
        null as never,
      ),
    ).toThrow(code('INVALID_OPTION'));
  });

  it("perplexity's error names a bigint `from` (JSON.stringify of 10n threw a TypeError)", () => {
    expect(() => perplexity([-1], { from: 10n as never })).toThrow(/from is 10n/);
  });
});
