import { describe, expect, it } from 'vitest';
import { accuracyScore } from './accuracy-score';
import { balancedAccuracyScore } from './balanced-accuracy-score';
import { classificationReport } from './classification-report';
import { cohenKappaScore } from './cohen-kappa-score';
import { confusionMatrix } from './confusion-matrix';
import { errorRate } from './error-rate';
import { f1Score } from './f1-score';
import { fbetaScore } from './fbeta-score';
import { aggregateRaters, fleissKappa } from './fleiss-kappa';
import { matthewsCorrcoef } from './matthews-corrcoef';
import { perplexity } from './perplexity';
import { precisionRecallFscoreSupport } from './precision-recall-fscore-support';
import { precisionScore } from './precision-score';
import { recallScore } from './recall-score';
import { squadCorpus, squadScore } from './squad';
import { ssa, ssaAgreement } from './ssa';
import { topKAccuracyScore } from './top-k-accuracy-score';
import type { Label } from './types';

// expect.objectContaining is typed `any`; as an Error it type-checks as toThrow's argument.
const code = (c: string, text?: string | RegExp): Error =>
  expect.objectContaining({
    name: 'MetricsError',
    code: c,
    ...(text
      ? {
          message:
            typeof text === 'string' ? expect.stringContaining(text) : expect.stringMatching(text),
        }
      : {}),
  }) as Error;

describe('MetricsError codes of the classification metrics', () => {
  const pairs: [string, (a: Label[], b: Label[]) => unknown][] = [
    ['accuracyScore', (a, b) => accuracyScore(a, b)],
    ['errorRate', (a, b) => errorRate(a, b)],
    ['precisionScore', (a, b) => precisionScore(a, b)],
    ['recallScore', (a, b) => recallScore(a, b)],
    ['f1Score', (a, b) => f1Score(a, b)],
    ['fbetaScore', (a, b) => fbetaScore(a, b, { beta: 2 })],
    ['precisionRecallFscoreSupport', (a, b) => precisionRecallFscoreSupport(a, b)],
    ['confusionMatrix', (a, b) => confusionMatrix(a, b)],
    ['matthewsCorrcoef', (a, b) => matthewsCorrcoef(a, b)],
    ['balancedAccuracyScore', (a, b) => balancedAccuracyScore(a, b)],
    ['cohenKappaScore', (a, b) => cohenKappaScore(a, b)],
    ['classificationReport', (a, b) => classificationReport(a, b)],
  ];

  it.each(pairs)('%s throws LENGTH_MISMATCH naming both arguments', (name, f) => {
    expect(() => f([0, 1, 1], [0, 1])).toThrow(
      code('LENGTH_MISMATCH', `${name}: inconsistent numbers of samples`),
    );
  });
  it.each(pairs)('%s throws INVALID_INPUT for numbers against strings', (_name, f) => {
    expect(() => f([0, 1, 1], ['0', '1', '1'])).toThrow(
      code('INVALID_INPUT', 'Mix of label input types'),
    );
  });
  it.each(pairs)('%s throws INVALID_INPUT for a continuous label', (_name, f) => {
    expect(() => f([0, 0.5, 1], [0, 1, 1])).toThrow(
      code('INVALID_INPUT', /(yTrue|y1)\[1\] is 0\.5/),
    );
  });
  it.each(pairs)('%s throws INVALID_INPUT for NaN or null labels', (_name, f) => {
    expect(() => f([0, 1, 1], [0, NaN, 1])).toThrow(
      code('INVALID_INPUT', /(yPred|y2)\[1\] is NaN/),
    );
    expect(() => f([0, null as unknown as Label], [0, 1])).toThrow(
      code('INVALID_INPUT', /(yTrue|y1)\[1\] is null/),
    );
  });

  it('throws LENGTH_MISMATCH and INVALID_OPTION for bad sample weights', () => {
    expect(() => f1Score([0, 1], [0, 1], { sampleWeight: [1] })).toThrow(
      code('LENGTH_MISMATCH', 'sampleWeight has 1'),
    );
    expect(() => f1Score([0, 1], [0, 1], { sampleWeight: [1, NaN] })).toThrow(
      code('INVALID_OPTION', 'sampleWeight[1]'),
    );
    expect(() => accuracyScore([0, 1], [0, 0], { sampleWeight: [0, 0] })).toThrow(
      code('INVALID_OPTION', 'sums to zero'),
    );
  });

  it('throws INVALID_OPTION for average, zeroDivision, beta, posLabel and binary on multiclass', () => {
    expect(() => f1Score([0, 1], [0, 1], { average: 'mean' as 'macro' })).toThrow(
      code('INVALID_OPTION', 'average is "mean"'),
    );
    expect(() => f1Score([0, 1], [0, 1], { zeroDivision: 2 })).toThrow(
      code('INVALID_OPTION', 'zeroDivision is 2'),
    );
    expect(() => fbetaScore([0, 1], [0, 1], { beta: -1 })).toThrow(
      code('INVALID_OPTION', 'beta is -1'),
    );
    expect(() => fbetaScore([0, 1], [0, 1], { beta: NaN })).toThrow(
      code('INVALID_OPTION', 'beta is NaN'),
    );
    expect(() => f1Score(['a', 'b'], ['a', 'b'], { posLabel: 'c' })).toThrow(
      code('INVALID_OPTION', 'pos_label=c'),
    );
    expect(() => f1Score([0, 1, 2], [0, 1, 2])).toThrow(
      code('INVALID_OPTION', "Target is multiclass but average='binary'"),
    );
    expect(() => f1Score([0, 1, 2], [0, 1, 2], { average: 'samples' })).toThrow(
      code('INVALID_OPTION', 'Samplewise'),
    );
  });

  it('confusionMatrix throws INVALID_OPTION for empty labels, labels absent from yTrue and an unknown normalize', () => {
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [] })).toThrow(
      code('INVALID_OPTION', 'labels is empty'),
    );
    expect(() => confusionMatrix([0, 1], [0, 1], { labels: [5] })).toThrow(
      code('INVALID_OPTION', 'none of labels'),
    );
    expect(() => confusionMatrix([0, 1], [0, 1], { normalize: 'rows' as 'true' })).toThrow(
      code('INVALID_OPTION', 'normalize is'),
    );
  });

  it('cohenKappaScore throws INVALID_OPTION for unknown weights', () => {
    expect(() => cohenKappaScore([0, 1], [0, 1], { weights: 'cubic' as 'linear' })).toThrow(
      code('INVALID_OPTION', 'weights is'),
    );
  });

  it('balancedAccuracyScore throws EMPTY_INPUT for adjusted on empty input', () => {
    expect(() =>
      balancedAccuracyScore([], [], { adjusted: true, onWarning: () => undefined }),
    ).toThrow(code('EMPTY_INPUT'));
  });

  it('classificationReport throws EMPTY_INPUT (text of empty input) and INVALID_OPTION (digits, targetNames)', () => {
    expect(() => classificationReport([], [], { onWarning: () => undefined })).toThrow(
      code('EMPTY_INPUT'),
    );
    expect(() => classificationReport([0, 1], [0, 1], { digits: -1 })).toThrow(
      code('INVALID_OPTION', 'digits is -1'),
    );
    expect(() => classificationReport([0, 1], [0, 1], { targetNames: ['a'] })).toThrow(
      code('INVALID_OPTION', 'target_names, 1'),
    );
  });

  it('topKAccuracyScore throws for bad k, widths, labels and lengths', () => {
    const s = [
      [0.1, 0.2, 0.7],
      [0.5, 0.3, 0.2],
      [0.2, 0.2, 0.6],
    ];
    expect(() => topKAccuracyScore([0, 1, 2], s, { k: 0 })).toThrow(
      code('INVALID_OPTION', 'k is 0'),
    );
    expect(() => topKAccuracyScore([0, 1, 2], s.slice(1))).toThrow(code('LENGTH_MISMATCH'));
    expect(() => topKAccuracyScore([0, 1, 2], s, { labels: [2, 1, 0] })).toThrow(
      code('INVALID_OPTION', 'ordered'),
    );
    expect(() => topKAccuracyScore([0, 1, 2], s, { labels: [0, 0, 1] })).toThrow(
      code('INVALID_OPTION', 'unique'),
    );
    expect(() => topKAccuracyScore([0, 1, 3], s, { labels: [0, 1, 2] })).toThrow(
      code('INVALID_INPUT', 'not in labels'),
    );
    expect(() => topKAccuracyScore([0, 1, 1], s)).toThrow(code('INVALID_INPUT', 'yTrue is binary'));
    expect(() => topKAccuracyScore([0, 1, 2], [[0, 1, NaN], ...s.slice(1)])).toThrow(
      code('INVALID_INPUT', 'yScore[0][2] is NaN'),
    );
  });
});

describe('MetricsError codes of perplexity, SQuAD, SSA and Fleiss', () => {
  it('perplexity throws INVALID_INPUT for NaN and impossible values, INVALID_OPTION for bad base/from, LENGTH_MISMATCH for mask', () => {
    expect(() => perplexity([-1, NaN])).toThrow(code('INVALID_INPUT', 'values[1] is NaN'));
    expect(() => perplexity([[-1], [Infinity]])).toThrow(
      code('INVALID_INPUT', 'values[1][0] is Infinity'),
    );
    expect(() => perplexity([0.5, 1.5], { from: 'probs' })).toThrow(
      code('INVALID_INPUT', 'values[1] is 1.5'),
    );
    expect(() => perplexity([1, -Infinity], { from: 'nll' })).toThrow(
      code('INVALID_INPUT', '-Infinity'),
    );
    expect(() => perplexity([-1], { base: 1 })).toThrow(code('INVALID_OPTION', 'base is 1'));
    expect(() => perplexity([-1], { from: 'logits' as 'nll' })).toThrow(
      code('INVALID_OPTION', 'from is'),
    );
    expect(() => perplexity([-1, -2], { mask: [1] })).toThrow(
      code('LENGTH_MISMATCH', 'mask must have 2 entries'),
    );
    expect(() => perplexity([[-1], -2] as unknown as number[])).toThrow(
      code('INVALID_INPUT', 'mixes numbers and arrays'),
    );
  });
  it('squad throws EMPTY_INPUT, LENGTH_MISMATCH and INVALID_INPUT', () => {
    expect(() => squadScore('x', [])).toThrow(code('EMPTY_INPUT', 'groundTruths is empty'));
    expect(() => squadCorpus([], [])).toThrow(code('EMPTY_INPUT'));
    expect(() => squadCorpus(['a'], [])).toThrow(code('LENGTH_MISMATCH'));
    expect(() => squadScore(3 as unknown as string, ['3'])).toThrow(code('INVALID_INPUT'));
  });
  it('ssa throws EMPTY_INPUT and INVALID_INPUT; ssaAgreement needs the same raters', () => {
    expect(() => ssa([])).toThrow(code('EMPTY_INPUT', 'no ratings'));
    expect(() => ssa([[]])).toThrow(code('EMPTY_INPUT', 'ratings[0] has no rater'));
    expect(() =>
      ssa([{ sensible: 'yes' } as unknown as { sensible: boolean; specific: boolean }]),
    ).toThrow(code('INVALID_INPUT', 'ratings[0]'));
    const r = { sensible: true, specific: true };
    expect(() => ssaAgreement([[r, r], [r]])).toThrow(
      code('INVALID_INPUT', 'ratings[1] has 1 raters'),
    );
    expect(() => ssaAgreement([r, r])).toThrow(code('INVALID_INPUT', 'at least 2 raters'));
  });
  it('fleissKappa throws EMPTY_INPUT and INVALID_INPUT', () => {
    expect(() => fleissKappa([])).toThrow(code('EMPTY_INPUT'));
    expect(() =>
      fleissKappa([
        [1, 1],
        [2, 1],
      ]),
    ).toThrow(code('INVALID_INPUT', 'table[1] has 3 ratings'));
    expect(() => fleissKappa([[1, -1]])).toThrow(code('INVALID_INPUT', 'table[0][1] is -1'));
    expect(() => fleissKappa([[1], [1]])).toThrow(code('INVALID_INPUT', 'at least 2 ratings'));
    expect(() => aggregateRaters('ab' as unknown as string[][])).toThrow(code('INVALID_INPUT'));
  });
});
