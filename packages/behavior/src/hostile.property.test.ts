import {
  assertHostile,
  assertHostileAsync,
  hostileScalar,
  listOf,
  mostly,
  optionsOf,
} from '@nlpft/test-utils/hostile';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import * as behavior from './index';
import { BehaviorError } from './errors';
import type { Perturbation, PredictFn } from './types';

const isTyped = (e: unknown): boolean => e instanceof BehaviorError && typeof e.code === 'string';

const text: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc.constantFrom(
        'the',
        'film',
        'was',
        'not',
        'good',
        "isn't",
        '42',
        'Paris',
        'Mary',
        ',',
        '.',
      ),
      {
        maxLength: 12,
      },
    )
    .map((w) => w.join(' ')),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 15 }),
);
const texts = listOf(text, 6);
const label = fc.integer({ min: 0, max: 2 });
const labelled = listOf(fc.record({ text: mostly(text), label: mostly(label) }), 8);
const rng = mostly(fc.integer().map((s) => behavior.createRng(s)));
const seed = fc.integer({ min: -5, max: 2 ** 32 });

/** A classifier that is sometimes broken: wrong counts, bad labels, NaN probabilities, throws. */
const predict: fc.Arbitrary<unknown> = mostly(
  fc.constantFrom<PredictFn>(
    (ts) => ts.map((t) => ({ label: t.length % 2, probs: [0.5, 0.5] })),
    (ts) => ts.map((t) => ({ label: /good/.test(t) ? 1 : 0 })),
    (ts) => ts.slice(1).map(() => ({ label: 0 })),
    (ts) => ts.map(() => ({ label: 0.5 })),
    (ts) => ts.map(() => ({ label: 0, probs: [NaN, 1] })),
    () => {
      throw new Error('model crashed');
    },
  ),
);

const perturbations: [string, Perturbation][] = Object.entries(behavior.PERTURBATIONS);
const perturbation = mostly(fc.constantFrom(...perturbations.map(([, p]) => p)));
const suite = mostly(
  fc.record({
    name: mostly(text),
    tests: listOf(
      fc.oneof(
        fc.record({ kind: fc.constant('mft'), name: text, texts, expected: mostly(label) }),
        fc.record({ kind: fc.constant('inv'), name: text, texts, perturbation }),
        fc.record({
          kind: fc.constant('dir'),
          name: text,
          texts,
          perturbation,
          expectation: mostly(
            fc.record({ label: mostly(label), direction: mostly(fc.constantFrom('up', 'down')) }),
          ),
        }),
      ),
      3,
    ),
  }),
);

// Hundreds of generated calls per test: a few seconds alone, more while the whole repository's suite runs beside it.
describe('hostile inputs to every public function of @nlpft/behavior', { timeout: 60_000 }, () => {
  for (const [name, p] of perturbations) {
    it(`PERTURBATIONS.${name}: a string, null or a BehaviorError, in time`, () => {
      // The first calls compile (then tier up) the perturbation's regexes, once for one-byte and once for two-byte
      // strings: 56 of them for contractions, ~40 ms a kind here. The bound is on the work per call after that.
      for (let i = 0; i < 3; i++)
        for (const warm of ['I do not', 'I do not 𞣍']) p(warm, behavior.createRng(i));
      assertHostile(p as (...a: unknown[]) => unknown, fc.tuple(mostly(text), rng), { isTyped });
    });
  }

  it('perturb, createRng, caseTo, lexiconSwap', () => {
    assertHostile(
      behavior.perturb as (...a: unknown[]) => unknown,
      fc.tuple(mostly(text), perturbation, optionsOf({ seed })),
      { isTyped },
    );
    assertHostile(behavior.createRng as (...a: unknown[]) => unknown, fc.tuple(mostly(seed)), {
      isTyped,
    });
    assertHostile(
      behavior.caseTo as (...a: unknown[]) => unknown,
      fc.tuple(mostly(fc.constantFrom('upper', 'lower', 'title'))),
      { isTyped },
    );
    assertHostile(
      behavior.lexiconSwap as (...a: unknown[]) => unknown,
      fc.tuple(listOf(listOf(text, 4), 3)),
      { isTyped },
    );
  });

  it('fillTemplate, mft, inv, dir, parseSuite', () => {
    const lexicons = mostly(fc.dictionary(fc.constantFrom('a', 'b', 'adj'), listOf(text, 3)));
    assertHostile(
      behavior.fillTemplate as (...a: unknown[]) => unknown,
      fc.tuple(
        mostly(fc.constantFrom('{a} is {b}', '{adj}', 'no holes', '{a', '{}', '{missing}')),
        optionsOf({ lexicons, max: fc.integer({ min: -1, max: 50 }), seed }),
      ),
      { isTyped },
    );
    const spec = optionsOf(
      {
        name: text,
        texts,
        expected: label,
        perturbation,
        expectation: hostileScalar,
        capability: text,
      },
      { maxKeys: 5 },
    );
    for (const build of [behavior.mft, behavior.inv, behavior.dir])
      assertHostile(build as (...a: unknown[]) => unknown, fc.tuple(spec), { isTyped });
    assertHostile(
      behavior.parseSuite as (...a: unknown[]) => unknown,
      fc.tuple(fc.oneof(suite, fc.jsonValue())),
      { isTyped },
    );
  });

  it('wordTokens, predictiveTokens, sliceAccuracy and the slice builders', () => {
    assertHostile(behavior.wordTokens as (...a: unknown[]) => unknown, fc.tuple(mostly(text)), {
      isTyped,
    });
    assertHostile(
      behavior.predictiveTokens as (...a: unknown[]) => unknown,
      fc.tuple(
        labelled,
        optionsOf({
          minCount: fc.integer({ min: -1, max: 4 }),
          top: fc.integer({ min: -1, max: 30 }),
          smoothing: fc.double(),
        }),
      ),
      { isTyped },
    );
    const edges = listOf(fc.integer({ min: -3, max: 40 }), 4);
    assertHostile(behavior.lengthSlices as (...a: unknown[]) => unknown, fc.tuple(edges), {
      isTyped,
    });
    assertHostile(behavior.tokenSlices as (...a: unknown[]) => unknown, fc.tuple(listOf(text, 4)), {
      isTyped,
    });
    assertHostile(
      behavior.patternSlices as (...a: unknown[]) => unknown,
      fc.tuple(mostly(text), mostly(fc.constant(/^From:/m))),
      { isTyped },
    );
    const prediction = mostly(fc.record({ label: mostly(label) }));
    const slices = mostly(fc.constant(behavior.lengthSlices([3, 6])));
    assertHostile(
      behavior.sliceAccuracy as (...a: unknown[]) => unknown,
      fc.tuple(labelled, listOf(prediction, 8), slices),
      { isTyped },
    );
  });

  it('runSuite and the three renderings of its result', async () => {
    await assertHostileAsync(
      async (s: unknown, p: unknown, o: unknown) => {
        const result = await behavior.runSuite(s as never, p as never, o as never);
        behavior.suiteResultJson(result);
        behavior.suiteResultTable(result);
        behavior.suiteResultHtml(result);
        return result;
      },
      fc.tuple(
        suite,
        predict,
        optionsOf({
          seed,
          batchSize: fc.integer({ min: -1, max: 8 }),
          maxExamples: fc.integer({ min: -1, max: 4 }),
        }),
      ),
      { isTyped, numRuns: 150 },
    );
  });

  it('shortcutProbe, occlusionAttribution and their HTML', async () => {
    await assertHostileAsync(
      async (t: unknown, p: unknown, o: unknown) => {
        const result = await behavior.shortcutProbe(t as never, p as never, o as never);
        behavior.shortcutProbeHtml(result);
        return result;
      },
      fc.tuple(
        labelled,
        predict,
        optionsOf({
          tokens: listOf(text, 3),
          mask: text,
          minAffected: fc.integer({ min: -1, max: 4 }),
          minFlipRate: fc.double(),
          batchSize: fc.integer({ min: -1, max: 8 }),
          seed,
        }),
      ),
      { isTyped, numRuns: 150 },
    );
    await assertHostileAsync(
      async (t: unknown, p: unknown, o: unknown) => {
        const result = await behavior.occlusionAttribution(t as never, p as never, o as never);
        behavior.attributionHtml(result);
        return result;
      },
      fc.tuple(
        mostly(text),
        predict,
        optionsOf({ label: mostly(label), mask: text, batchSize: fc.integer({ min: -1, max: 8 }) }),
      ),
      { isTyped, numRuns: 150 },
    );
  });
});
