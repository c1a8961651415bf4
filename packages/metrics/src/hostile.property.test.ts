import fc from 'fast-check';
import { describe, it } from 'vitest';
import * as metrics from './index';
import {
  assertHostile,
  hostileScalar,
  listOf,
  mostly,
  optionsOf,
  text,
} from './hostile.test-helper';

const label = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.constantFrom('a', 'b', 'c'),
  fc.boolean(),
);
const labels = listOf(label);
const weights = listOf(fc.double({ min: 0, max: 3 }));
const num = fc.double({ min: -5, max: 5, noNaN: true });
const nums = listOf(num);
const sentences = listOf(text, 6);
const refStreams = listOf(sentences, 3);
const bool = fc.boolean();
const anyOf = <T>(...v: T[]): fc.Arbitrary<T> => fc.constantFrom(...v);

const classOpts = optionsOf({
  labels: fc.oneof(fc.constant(null), fc.array(label, { maxLength: 4 })),
  sampleWeight: weights,
  normalize: fc.oneof(bool, anyOf('true', 'pred', 'all')),
  average: anyOf<unknown>('micro', 'macro', 'weighted', 'samples', 'binary', null),
  posLabel: label,
  zeroDivision: anyOf<unknown>('warn', 0, 1, NaN),
  beta: num,
  weights: anyOf<unknown>('linear', 'quadratic', null),
  digits: fc.integer({ min: -1, max: 30 }),
  outputDict: bool,
  targetNames: fc.array(fc.string(), { maxLength: 4 }),
  onWarning: fc.constant(() => undefined),
});
// Probabilities, a row of them (two classes summing to 1, or any three), and calibration options.
const prob = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.5));
const probRow = fc.oneof(
  prob.map((p) => [1 - p, p]),
  fc.array(prob, { minLength: 1, maxLength: 3 }),
);
const calibrationOpts = optionsOf({
  posLabel: label,
  sampleWeight: weights,
  labels: fc.oneof(fc.constant(null), fc.array(label, { maxLength: 4 })),
  normalize: bool,
  eps: fc.oneof(anyOf<unknown>('auto'), num),
  nBins: fc.integer({ min: -1, max: 20 }),
  strategy: anyOf('uniform', 'quantile', 'median'),
  onWarning: fc.constant(() => undefined),
});
const bleuOpts = optionsOf({
  tokenize: anyOf('13a', 'none', 'intl', 'char', 'zh', 'spm'),
  lowercase: bool,
  smoothMethod: anyOf('exp', 'floor', 'add-k', 'none'),
  smoothValue: num,
  useEffectiveOrder: bool,
  maxNgramOrder: fc.integer({ min: -1, max: 12 }),
  force: bool,
  truncate: bool,
});
const chrfOpts = optionsOf({
  charOrder: fc.integer({ min: -1, max: 8 }),
  wordOrder: fc.integer({ min: -1, max: 4 }),
  beta: num,
  lowercase: bool,
  whitespace: bool,
  epsSmoothing: bool,
});
const terOpts = optionsOf({
  normalized: bool,
  noPunct: bool,
  asianSupport: bool,
  caseSensitive: bool,
});
const totals = listOf(fc.integer({ min: 0, max: 20 }), 40);
const itemStats = listOf(listOf(fc.integer({ min: 0, max: 5 }), 4), 12);
const sigOpts = optionsOf({
  samples: fc.integer({ min: -1, max: 200 }),
  seed: fc.integer(),
  confidence: fc.double({ min: -0.5, max: 1.5 }),
  generator: anyOf('pcg64', 'mt19937', 'python'),
});
const scoreFn = mostly(
  fc.constant((t: Float64Array) => (t.length > 0 ? t[0]! / (1 + t.length) : 0)),
);

// Argument lists per public function, in the order of its parameters.
const cases: [string, fc.Arbitrary<unknown[]>][] = [
  ...[
    'accuracyScore',
    'balancedAccuracyScore',
    'classificationReport',
    'cohenKappaScore',
    'confusionMatrix',
    'errorRate',
    'f1Score',
    'fbetaScore',
    'matthewsCorrcoef',
    'precisionRecallFscoreSupport',
    'precisionScore',
    'recallScore',
  ].map((n): [string, fc.Arbitrary<unknown[]>] => [n, fc.tuple(labels, labels, classOpts)]),
  [
    'topKAccuracyScore',
    fc.tuple(labels, listOf(fc.oneof(num, fc.array(num, { maxLength: 4 }))), classOpts),
  ],
  ...['brierScoreLoss', 'calibrationCurve'].map((n): [string, fc.Arbitrary<unknown[]>] => [
    n,
    fc.tuple(labels, listOf(prob), calibrationOpts),
  ]),
  ['logLoss', fc.tuple(labels, listOf(fc.oneof(prob, probRow)), calibrationOpts)],
  ...['expectedCalibrationError', 'maxCalibrationError', 'reliabilityDiagram'].map(
    (n): [string, fc.Arbitrary<unknown[]>] => [
      n,
      fc.tuple(labels, listOf(probRow), calibrationOpts),
    ],
  ),
  [
    'reliabilityDiagramSvg',
    fc.tuple(
      mostly(
        fc.record({
          bins: listOf(
            fc.record({
              lower: prob,
              upper: prob,
              count: fc.integer({ min: 0, max: 9 }),
              accuracy: fc.oneof(fc.constant(null), prob),
              confidence: fc.oneof(fc.constant(null), prob),
            }),
            8,
          ),
          count: fc.integer({ min: 0, max: 9 }),
          expectedCalibrationError: prob,
          maxCalibrationError: prob,
        }),
      ),
      optionsOf({ title: text, width: fc.integer({ min: 50, max: 900 }), height: num }),
    ),
  ],
  [
    'perplexity',
    fc.tuple(
      fc.oneof(nums, listOf(nums, 4)),
      optionsOf({
        from: anyOf('logprobs', 'nll', 'probs'),
        base: fc.oneof(anyOf('e'), num),
        mask: listOf(bool),
      }),
    ),
  ],
  ['squadCorpus', fc.tuple(sentences, listOf(fc.oneof(text, fc.array(text, { maxLength: 3 })), 6))],
  ['squadNormalize', fc.tuple(mostly(text))],
  ['squadScore', fc.tuple(mostly(text), fc.oneof(text, sentences))],
  [
    'ssa',
    fc.tuple(
      listOf(
        fc.oneof(
          fc.record({ sensible: bool, specific: bool }),
          hostileScalar,
          fc.array(fc.record({ sensible: bool, specific: bool }), { maxLength: 3 }),
        ),
        8,
      ),
    ),
  ],
  [
    'ssaAgreement',
    fc.tuple(listOf(fc.array(fc.record({ sensible: bool, specific: bool }), { maxLength: 3 }), 8)),
  ],
  ['aggregateRaters', fc.tuple(listOf(labels, 6))],
  ['fleissKappa', fc.tuple(listOf(listOf(fc.integer({ min: 0, max: 4 }), 4), 8))],
  ['approximateRandomizationTest', fc.tuple(itemStats, itemStats, scoreFn, sigOpts)],
  ['pairedBootstrapTest', fc.tuple(itemStats, itemStats, scoreFn, sigOpts)],
  ['bootstrapConfidenceInterval', fc.tuple(itemStats, scoreFn, sigOpts)],
  ['meanStatistics', fc.tuple(nums)],
  [
    'seedSpread',
    fc.tuple(nums, optionsOf({ threshold: num, ddof: fc.integer({ min: -1, max: 3 }) })),
  ],
  [
    'expectedMaximum',
    fc.tuple(nums, optionsOf({ budgets: listOf(fc.integer({ min: -1, max: 30 })) })),
  ],
  [
    'leveneTest',
    fc.tuple(
      listOf(nums, 4),
      optionsOf({ center: anyOf('median', 'mean', 'trimmed'), proportionToCut: num }),
    ),
  ],
  ['bleuTokenize', fc.tuple(mostly(text), bleuOpts)],
  ...['tokenize13a', 'tokenizeChar', 'tokenizeIntl', 'tokenizeZh', 'porterStem'].map(
    (n): [string, fc.Arbitrary<unknown[]>] => [n, fc.tuple(mostly(text))],
  ),
  ['corpusBleu', fc.tuple(sentences, refStreams, bleuOpts)],
  ['bleuStatistics', fc.tuple(sentences, refStreams, bleuOpts)],
  ['sentenceBleu', fc.tuple(mostly(text), sentences, bleuOpts)],
  ['bleuFromTotals', fc.tuple(totals, bleuOpts)],
  ['corpusChrf', fc.tuple(sentences, refStreams, chrfOpts)],
  ['chrfStatistics', fc.tuple(sentences, refStreams, chrfOpts)],
  ['sentenceChrf', fc.tuple(mostly(text), sentences, chrfOpts)],
  ['chrfFromTotals', fc.tuple(totals, chrfOpts)],
  ['corpusTer', fc.tuple(sentences, refStreams, terOpts)],
  ['terStatistics', fc.tuple(sentences, refStreams, terOpts)],
  ['sentenceTer', fc.tuple(mostly(text), sentences, terOpts)],
  ['terFromTotals', fc.tuple(totals, terOpts)],
  ['tercomTokenize', fc.tuple(mostly(text), terOpts)],
  [
    'corpusRouge',
    fc.tuple(
      listOf(fc.oneof(text, fc.array(text, { maxLength: 3 })), 6),
      sentences,
      optionsOf({
        rougeTypes: listOf(anyOf('rouge1', 'rouge2', 'rougeL', 'rougeLsum', 'rouge9'), 3),
        useStemmer: bool,
      }),
    ),
  ],
  ['rougeTokenize', fc.tuple(mostly(text), optionsOf({ useStemmer: bool }))],
];

// Known findings not fixed yet (a TypeError, a silent NaN or a hang), by function name, with the shrunk
// counterexample; each stays skipped until fixed. The 29 of the first run (seed 23) are fixed (issue #23).
const FINDINGS: Record<string, string> = {};

describe('hostile inputs to every public function of @nlpft/metrics', () => {
  const fine = cases.filter(([name]) => !(name in FINDINGS));
  it.each(fine)('%s: a result or a MetricsError, in time', (name, args) => {
    const f = (metrics as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
    assertHostile(f, args, { numRuns: 150 });
  });

  it.skip.each(Object.entries(FINDINGS))('%s (known finding: %s)', () => undefined);

  it.skipIf('RougeScorer' in FINDINGS)('RougeScorer: a result or a MetricsError, in time', () => {
    assertHostile(
      (types, opts, target, prediction) =>
        new metrics.RougeScorer(
          types as metrics.RougeType[],
          opts as metrics.RougeScorerOptions,
        ).score(target as string, prediction as string),
      fc.tuple(
        listOf(anyOf('rouge1', 'rouge2', 'rougeL', 'rougeLsum', 'rouge0'), 3),
        optionsOf({ useStemmer: bool }),
        mostly(text),
        mostly(text),
      ),
    );
  });
});
