import { describe, expect, it } from 'vitest';
import { addIrrelevantClause } from './add-irrelevant-clause';
import { caseTo } from './change-case';
import { trainNaiveBayes } from './naive-bayes.test-helper';
import { negate } from './negate';
import { runSuite } from './run-suite';
import { dir, inv, mft } from './test-builders';
import type { BehaviorSuite, PredictFn, Prediction } from './types';
import { zeroWidth } from './zero-width';

/** Positive iff the text contains lower-case "good", flipped by the word "not"; P(positive) 0.9 or 0.1. */
function keyword(text: string): Prediction {
  let p = text.includes('good') ? 0.9 : 0.1;
  if (/\bnot\b/.test(text)) p = 1 - p;
  return { label: p > 0.5 ? 1 : 0, probs: [1 - p, p] };
}
const keywordPredict: PredictFn = (texts) => texts.map(keyword);

const suite: BehaviorSuite = {
  name: 'keyword sentiment',
  tests: [
    mft({
      name: 'vocabulary',
      capability: 'vocabulary',
      examples: [
        { text: 'good film', label: 1 },
        { text: 'bad film', label: 0 },
        { text: 'Good film', label: 1 }, // fails: capital G
        { text: 'not good', label: 0 },
        { text: 'GOOD', label: 1 }, // fails
      ],
    }),
    inv({
      name: 'upper case',
      capability: 'robustness',
      texts: ['good film', 'bad film', 'fine film', 'good', '123'],
      perturbation: caseTo('upper'),
    }),
    dir({
      name: 'negation lowers positive',
      capability: 'negation',
      texts: ['The film is good', 'The film is bad', 'I like it'],
      perturbation: negate,
      expectation: { type: 'decrease', label: 1 },
    }),
    dir({
      name: 'irrelevant clause',
      texts: ['good film', 'bad film'],
      perturbation: addIrrelevantClause,
      expectation: { type: 'not-decrease', label: 1, tolerance: 0.01 },
    }),
    inv({ name: 'zero width', texts: ['good', 'bad'], perturbation: zeroWidth, samples: 3 }),
  ],
};

// An asymmetric matcher (typed `any` by vitest), typed as what `toThrow` takes.
const code = (c: string): Error => expect.objectContaining({ code: c }) as Error;

describe('runSuite', () => {
  it('reports the failure rates computed by hand for a keyword classifier', async () => {
    const result = await runSuite(suite, keywordPredict, { seed: 1 });
    const rows = result.tests.map((t) => [t.name, t.n, t.skipped, t.failures, t.failureRate]);
    expect(rows).toEqual([
      ['vocabulary', 5, 0, 2, 0.4],
      // every text whose keyword is upper-cased flips; '123' has no case to change
      ['upper case', 4, 1, 2, 0.5],
      // 'is not good' lowers P(positive); 'is not bad' raises it; 'I like it' has no auxiliary
      ['negation lowers positive', 2, 1, 1, 0.5],
      ['irrelevant clause', 2, 0, 0, 0],
      // any invisible character inside "good" hides the keyword
      ['zero width', 2, 0, 1, 0.5],
    ]);
    expect(result).toMatchObject({ name: 'keyword sentiment', seed: 1 });
    expect(result.tests[0]!.capability).toBe('vocabulary');
  });

  it('keeps failing examples with both predictions, in input order', async () => {
    const result = await runSuite(suite, keywordPredict);
    expect(result.tests[0]!.examples.map((e) => [e.original, e.expectedLabel])).toEqual([
      ['Good film', 1],
      ['GOOD', 1],
    ]);
    expect(result.tests[1]!.examples[0]).toEqual({
      original: 'good film',
      originalPrediction: { label: 1, probs: [0.09999999999999998, 0.9] },
      perturbed: 'GOOD FILM',
      perturbedPrediction: { label: 0, probs: [0.9, 0.1] },
    });
    expect(result.tests[2]!.examples[0]!.perturbed).toBe('The film is not bad');
  });

  it('reports the failure rates of a trained naive Bayes classifier', async () => {
    const predict = trainNaiveBayes([
      { text: 'a good film', label: 1 },
      { text: 'great acting and a good story', label: 1 },
      { text: 'i loved it', label: 1 },
      { text: 'wonderful and great', label: 1 },
      { text: 'a bad film', label: 0 },
      { text: 'terrible acting and a bad story', label: 0 },
      { text: 'i hated it', label: 0 },
      { text: 'awful and boring', label: 0 },
    ]);
    const texts = ['a good film', 'a bad film', 'great story', 'boring film'];
    expect(predict(texts).map((p) => p.label)).toEqual([1, 0, 1, 0]);
    const result = await runSuite(
      {
        name: 'naive Bayes',
        tests: [
          mft({
            name: 'held-in',
            examples: texts.map((text, i) => ({ text, label: [1, 0, 1, 0][i]! })),
          }),
          // Upper-cased tokens are all unknown to the case-sensitive model: equal priors give P = 0.5 each,
          // the tie goes to label 0, so exactly the positive texts flip.
          inv({ name: 'upper case', texts, perturbation: caseTo('upper') }),
        ],
      },
      predict,
    );
    expect(result.tests.map((t) => t.failureRate)).toEqual([0, 0.5]);
  });

  it('gives the same result for any batch size, and predicts each distinct text once', async () => {
    const seen: string[] = [];
    const counting: PredictFn = (texts) => {
      seen.push(...texts);
      return texts.map(keyword);
    };
    const reference = await runSuite(suite, keywordPredict, { seed: 5 });
    for (const batchSize of [1, 7, 1000]) {
      seen.length = 0;
      expect(await runSuite(suite, counting, { seed: 5, batchSize })).toEqual(reference);
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it('perturbs a text the same way when other tests are added or reordered', async () => {
    const reversed = { ...suite, tests: [...suite.tests].reverse() };
    const a = await runSuite(suite, keywordPredict, { seed: 9 });
    const b = await runSuite(reversed, keywordPredict, { seed: 9 });
    expect(b.tests.reverse()).toEqual(a.tests);
  });

  it('accepts an async predict', async () => {
    const result = await runSuite(suite, (texts) => Promise.resolve(texts.map(keyword)));
    expect(result.tests[0]!.failureRate).toBe(0.4);
  });

  it('caps examples at maxExamples and reports null when nothing was tested', async () => {
    const result = await runSuite(
      {
        name: 's',
        tests: [
          mft({ name: 'all wrong', examples: ['a', 'b', 'c'].map((text) => ({ text, label: 1 })) }),
          inv({ name: 'nothing to negate', texts: ['I like it'], perturbation: negate }),
        ],
      },
      keywordPredict,
      { maxExamples: 2 },
    );
    expect(result.tests[0]).toMatchObject({ failures: 3, failureRate: 1 });
    expect(result.tests[0]!.examples).toHaveLength(2);
    expect(result.tests[1]).toMatchObject({ n: 0, skipped: 1, failureRate: null });
  });

  describe('errors', () => {
    const one: BehaviorSuite = {
      name: 's',
      tests: [mft({ name: 'm', examples: [{ text: 'x', label: 0 }] })],
    };

    it('rejects an empty suite and duplicate test names', async () => {
      await expect(runSuite({ name: 's', tests: [] }, keywordPredict)).rejects.toThrow(
        code('EMPTY_SUITE'),
      );
      const twice = { name: 's', tests: [one.tests[0]!, one.tests[0]!] };
      await expect(runSuite(twice, keywordPredict)).rejects.toThrow(code('DUPLICATE_TEST_NAME'));
    });

    it.each([{ batchSize: 0 }, { batchSize: 1.5 }, { maxExamples: -1 }, { seed: 0.5 }])(
      'rejects the option %o',
      async (options) => {
        await expect(runSuite(one, keywordPredict, options)).rejects.toThrow(
          code('INVALID_OPTION'),
        );
      },
    );

    it('wraps an error thrown by predict, keeping the cause', async () => {
      const cause = new Error('model not loaded');
      const error: unknown = await runSuite(one, () => {
        throw cause;
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'PREDICT_FAILED', cause });
    });

    it('rejects the wrong number of predictions', async () => {
      await expect(runSuite(one, () => [])).rejects.toThrow(code('PREDICTION_COUNT_MISMATCH'));
    });

    it.each([
      ['a NaN probability', { label: 0, probs: [Number.NaN, 1] }],
      ['a negative label', { label: -1 }],
      ['a fractional label', { label: 0.5 }],
      ['null', null],
    ])('rejects %s', async (_, prediction) => {
      await expect(runSuite(one, () => [prediction as Prediction])).rejects.toThrow(
        code('INVALID_PREDICTION'),
      );
    });

    it('asks for probabilities when a directional test compares them', async () => {
      const test = dir({
        name: 'd',
        texts: ['The film is good'],
        perturbation: negate,
        expectation: { type: 'decrease', label: 1 },
      });
      const labelsOnly: PredictFn = (texts) => texts.map((t) => ({ label: keyword(t).label }));
      await expect(runSuite({ name: 's', tests: [test] }, labelsOnly)).rejects.toThrow(
        code('MISSING_PROBABILITIES'),
      );
      const outOfRange = dir({ ...test, expectation: { type: 'decrease', label: 2 } });
      await expect(runSuite({ name: 's', tests: [outOfRange] }, keywordPredict)).rejects.toThrow(
        code('INVALID_OPTION'),
      );
    });
  });
});
