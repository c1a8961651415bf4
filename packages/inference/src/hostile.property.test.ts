// Every public entry point of @nlpft/inference on generated hostile arguments: it must resolve to a valid result (no
// NaN anywhere in it) or throw an InferenceError with a code, within a time bound that grows with the input. Sessions
// are opened once; each property builds the task object from hostile constructor arguments and calls one method.
import { readFileSync } from 'node:fs';
import {
  assertHostile,
  assertHostileAsync,
  hasNaN,
  hostileScalar,
} from '@nlpft/test-utils/hostile';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CausalLmScorer } from './causal-lm-scorer';
import { collate } from './collate';
import { createSession } from './create-session';
import type { InferenceModel } from './create-session';
import { InferenceError } from './errors';
import { FeatureExtractor, poolHiddenStates } from './feature-extractor';
import { pickToken, processLogits } from './logits-processors';
import { parseModelConfig, readModelConfig } from './model-config';
import { mapModelIo } from './model-io';
import { chooseByLikelihood, MultipleChoiceHead } from './multiple-choice';
import { checkBatchBytes, mapInBatches, planBatches } from './plan-batches';
import { QuestionAnswerer } from './question-answerer';
import { seededRandom } from './seeded-random';
import { SequenceClassifier } from './sequence-classifier';
import { TextGenerator } from './text-generator';
import { cleanOrHostile } from './hostile.test-helper';
import type { Gen } from './hostile.test-helper';
import { fixtureModel, fullVocabTokenizer, wordTokenizer } from './test-fixtures';
import type { TensorMap } from './types';
import { withoutSpecialTokens } from './without-special-tokens';
import { createWorkerPool } from './worker-pool';
import type { WorkerPool } from './worker-pool';

const isTyped = (e: unknown): boolean =>
  e instanceof InferenceError && typeof e.code === 'string' && e.code.length > 0;

/** A value that counterexamples print by name instead of by its contents. */
function named<T extends object>(name: string, value: T): T {
  return Object.assign(value, { [fc.toStringMethod]: () => name });
}

const sessions: Record<string, InferenceModel> = {};
let pool: WorkerPool;
beforeAll(async () => {
  const names = [
    'bert-tiny',
    'bert-tiny-cls',
    'bert-tiny-qa',
    'gpt2-tiny',
    'gpt2-tiny-cls',
    'gpt2-tiny-mc',
    'gpt2-tiny-with-past',
  ];
  for (const name of names) sessions[name] = named(name, await createSession(fixtureModel(name)));
  pool = named('pool(bert-tiny)', await createWorkerPool(fixtureModel('bert-tiny')));
}, 60_000);
afterAll(async () => {
  await Promise.all([...Object.values(sessions).map((s) => s.dispose()), pool.dispose()]);
});

const bertTok = named('wordTokenizer(bert)', wordTokenizer('bert'));
const gptTok = named('wordTokenizer(gpt)', wordTokenizer('gpt'));
const fullTok = named('fullVocabTokenizer', fullVocabTokenizer());
const anyOf = (...v: unknown[]): fc.Arbitrary<unknown> => fc.constantFrom(...v);

// Texts from the fixture vocabulary plus unknown words, odd Unicode and now and then more words than the models'
// 64 positions.
const word = anyOf(
  'the',
  'cat',
  'sat',
  'on',
  'mat',
  '.',
  'paris',
  'who',
  '?',
  'zzz',
  'é',
  '\ud800',
  '😀',
  '',
);
const text = fc.oneof(
  { arbitrary: fc.array(word, { maxLength: 12 }).map((w) => w.join(' ')), weight: 6 },
  {
    arbitrary: fc.array(word, { minLength: 60, maxLength: 90 }).map((w) => w.join(' ')),
    weight: 1,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
);
const texts = (g: Gen): fc.Arbitrary<unknown> => g.listOf(text, 4);
const smallInt = fc.integer({ min: -2, max: 70 });
const id = fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: -3, max: 1003 }));
const ids = (g: Gen): fc.Arbitrary<unknown> => g.listOf(id, 12);
const huge = anyOf(2 ** 31, 1e9, 2 ** 53 + 2, 1e308);
const signal = anyOf(new AbortController().signal, AbortSignal.abort());
const batchOpts = {
  batchSize: fc.oneof(smallInt, huge),
  maxTokens: fc.oneof(smallInt, huge),
  maxBatchBytes: fc.oneof(anyOf(16, 2 ** 20, 2 ** 30, Infinity), fc.double()),
  signal,
};
const tokenId = fc.oneof(fc.integer({ min: -1, max: 130 }), fc.double(), huge);

/** One row of ids as an int64 `[1, n]` tensor. */
const int64Row = (r: readonly number[]): TensorMap[string] => ({
  type: 'int64',
  data: BigInt64Array.from(r, (v) => BigInt(v)),
  dims: [1, r.length],
});

/** Results must carry no NaN, anywhere. */
const noNaN = (r: unknown): void => expect(hasNaN(r)).toBe(false);

/** A probability vector: entries in [0, 1]. */
function expectProbabilities(p: ArrayLike<number>): void {
  for (let i = 0; i < p.length; i++) {
    expect(p[i]).toBeGreaterThanOrEqual(0);
    expect(p[i]).toBeLessThanOrEqual(1);
  }
}

type AsyncCase = [
  name: string,
  args: (g: Gen) => fc.Arbitrary<unknown[]>,
  call: (...a: unknown[]) => Promise<unknown>,
  options?: { numRuns?: number; baseMs?: number; check?: (r: unknown) => void },
];

/** The task's own session; hostile draws add sessions of other tasks and non-models. */
const model = (g: Gen, good: string, ...others: string[]): fc.Arbitrary<unknown> =>
  g.hostile
    ? g.mostly(fc.constantFrom(...[good, ...others].map((n) => sessions[n]!)))
    : fc.constant(sessions[good]!);
const tokenizer = (g: Gen, ...good: object[]): fc.Arbitrary<unknown> =>
  g.hostile
    ? g.mostly(fc.constantFrom(...good, { encode: 1, tokenToId: () => 0 }))
    : fc.constantFrom(...good);

const asyncCases: AsyncCase[] = [
  [
    'createSession',
    (g) =>
      fc.tuple(
        g.mostly(
          anyOf(
            fixtureModel('bert-tiny'),
            new Uint8Array(readFileSync(fixtureModel('gpt2-tiny'))),
            '/nope/model.onnx',
            new Uint8Array([1, 2, 3]),
          ),
        ),
        g.optionsOf({
          device: anyOf('cpu', 'auto', 'cuda', 'gpu'),
          deviceId: fc.oneof(smallInt, huge),
          intraOpThreads: fc.oneof(fc.integer({ min: -1, max: 2 }), huge),
          interOpThreads: fc.oneof(fc.integer({ min: -1, max: 2 }), huge),
          graphOptimizationLevel: anyOf('disabled', 'basic', 'all', 'max'),
          spinning: fc.boolean(),
          config: anyOf(false, { vocab_size: 1000 }, { vocab_size: 10n }, { id2label: [] }),
          log: fc.constant(() => undefined),
        }),
      ),
    async (source, options) => {
      const m = await createSession(source as string, options as never);
      const summary = { inputs: m.inputs, outputs: m.outputs, config: m.config };
      await m.dispose();
      return summary;
    },
    { numRuns: 40 },
  ],
  [
    'InferenceModel.run',
    (g) => {
      const tensor = g.mostly(
        fc.record({
          type: g.mostly(anyOf('int64', 'int32', 'float32', 'string')),
          data: g.mostly(anyOf(new BigInt64Array(2), new Float32Array(2), [1, 2])),
          dims: g.listOf(fc.oneof(smallInt, fc.double()), 3),
        }),
      );
      return fc.tuple(
        fc.oneof(
          // Consistent feeds of one row (ids past the 1000-row table make onnxruntime fail: RUN_FAILED).
          fc.array(fc.integer({ min: 0, max: 1005 }), { minLength: 1, maxLength: 8 }).map((r) => ({
            input_ids: int64Row(r),
            attention_mask: int64Row(r.map(() => 1)),
            token_type_ids: int64Row(r.map(() => 0)),
          })),
          g.mostly(
            fc.record({ input_ids: tensor, attention_mask: tensor, token_type_ids: tensor }),
          ),
        ),
        g.optionsOf({ signal }),
      );
    },
    (feeds, options) => sessions['bert-tiny']!.run(feeds as TensorMap, options as never),
  ],
  [
    'WorkerPool.run',
    (g) => {
      const good = int64Row([2, 5, 3]);
      const tensor = g.mostly(
        fc.oneof(
          fc.constant(good),
          fc.record({
            type: g.mostly(anyOf('int64', 'float32')),
            data: g.mostly(anyOf(new BigInt64Array(3), new Float32Array(3), () => 0)),
            dims: g.listOf(fc.oneof(smallInt), 3),
          }),
        ),
      );
      return fc.tuple(
        fc.oneof(
          fc.constant({
            input_ids: good,
            attention_mask: good,
            token_type_ids: good,
            extra: () => 0,
          }),
          g.mostly(
            fc.record({
              input_ids: tensor,
              attention_mask: tensor,
              token_type_ids: tensor,
              extra: g.mostly(fc.constant(() => 0)),
            }),
          ),
        ),
        g.optionsOf({ signal }),
      );
    },
    (feeds, options) => pool.run(feeds as TensorMap, options as never),
    { numRuns: 40 },
  ],
  [
    'createWorkerPool',
    (g) =>
      fc.tuple(
        g.mostly(anyOf(fixtureModel('bert-tiny'), '/nope/model.onnx')),
        fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 1 },
          {
            arbitrary: g.optionsOf({
              size: fc.oneof(fc.integer({ min: -1, max: 2 }), huge),
              maxQueue: fc.oneof(smallInt, fc.double()),
              intraOpThreads: fc.oneof(fc.integer({ min: -1, max: 1 }), huge),
              resourceLimits: anyOf({ maxOldGenerationSizeMb: -1 }, { stackSizeMb: NaN }, []),
              device: anyOf('cpu', 'gpu'),
            }),
            weight: 4,
          },
        ),
      ),
    async (source, options) => {
      const p = await createWorkerPool(source as string, options as never);
      const summary = { inputs: p.inputs, provider: p.provider };
      await p.dispose();
      return summary;
    },
    { numRuns: 12, baseMs: 15_000 },
  ],
  [
    'SequenceClassifier.classify',
    (g) =>
      fc.tuple(
        model(g, 'bert-tiny-cls', 'gpt2-tiny-cls', 'bert-tiny'),
        tokenizer(g, bertTok, gptTok),
        g.optionsOf({
          labels: g.listOf(anyOf('neg', 'pos', 'x'), 3),
          problemType: anyOf('single_label', 'multi_label', 'regression'),
          extractTokenId: tokenId,
          padTokenId: tokenId,
          truncation: fc.boolean(),
          maxLength: fc.oneof(smallInt, huge),
        }),
        g.listOf(fc.oneof(text, fc.tuple(text, text), fc.tuple(text)), 4),
        g.optionsOf(batchOpts),
      ),
    (m, t, o, inputs, options) =>
      new SequenceClassifier(m as never, t as never, o as never).classify(
        inputs as never,
        options as never,
      ),
    {
      check: (r) => {
        noNaN(r);
        for (const c of r as { probabilities: Float64Array; label: string }[]) {
          expectProbabilities(c.probabilities);
          expect(typeof c.label).toBe('string');
        }
      },
    },
  ],
  [
    'FeatureExtractor.extract',
    (g) =>
      fc.tuple(
        model(g, 'bert-tiny', 'bert-tiny-cls'),
        tokenizer(g, bertTok, gptTok),
        g.optionsOf({
          padTokenId: tokenId,
          truncation: fc.boolean(),
          maxLength: fc.oneof(smallInt, huge),
        }),
        texts(g),
        g.optionsOf({
          ...batchOpts,
          pooling: anyOf('cls', 'mean', 'max', 'sum'),
          normalize: fc.boolean(),
        }),
      ),
    (m, t, o, x, options) =>
      new FeatureExtractor(m as never, t as never, o as never).extract(
        x as never,
        options as never,
      ),
    {
      check: (r) => {
        noNaN(r);
        for (const v of r as Float32Array[]) expect(v).toHaveLength(32);
      },
    },
  ],
  [
    'QuestionAnswerer.answer',
    (g) =>
      fc.tuple(
        model(g, 'bert-tiny-qa', 'bert-tiny'),
        tokenizer(g, bertTok),
        g.optionsOf({ padTokenId: tokenId }),
        g.mostly(text),
        g.mostly(text),
        g.optionsOf({
          ...batchOpts,
          topK: fc.oneof(smallInt, huge),
          maxAnswerLength: fc.oneof(smallInt, huge),
          maxLength: fc.oneof(smallInt, huge),
          docStride: fc.oneof(smallInt, huge),
          maxQuestionLength: fc.oneof(smallInt, huge),
        }),
      ),
    (m, t, o, q, c, options) =>
      new QuestionAnswerer(m as never, t as never, o as never).answer(
        q as never,
        c as never,
        options as never,
      ),
    {
      check: (r) => {
        noNaN(r);
        for (const a of r as { score: number; start: number; end: number }[]) {
          expectProbabilities([a.score]);
          expect(a.end).toBeGreaterThanOrEqual(a.start);
        }
      },
    },
  ],
  [
    'CausalLmScorer.score',
    (g) =>
      fc.tuple(
        model(g, 'gpt2-tiny', 'gpt2-tiny-with-past', 'bert-tiny'),
        tokenizer(g, gptTok),
        g.optionsOf({ padTokenId: tokenId, bosTokenId: tokenId }),
        texts(g),
        g.optionsOf({ ...batchOpts, stride: fc.oneof(smallInt, huge) }),
      ),
    (m, t, o, x, options) =>
      new CausalLmScorer(m as never, t as never, o as never).score(x as never, options as never),
    { check: noNaN },
  ],
  [
    'CausalLmScorer.scoreIds',
    (g) =>
      fc.tuple(
        model(g, 'gpt2-tiny'),
        g.listOf(ids(g), 3),
        g.optionsOf({ ...batchOpts, stride: fc.oneof(smallInt, huge) }),
      ),
    (m, rows, options) =>
      new CausalLmScorer(m as never, gptTok).scoreIds(rows as never, options as never),
    { check: noNaN },
  ],
  [
    'CausalLmScorer.perplexity',
    (g) =>
      fc.tuple(
        model(g, 'gpt2-tiny', 'gpt2-tiny-with-past'),
        tokenizer(g, gptTok),
        texts(g),
        g.optionsOf({
          ...batchOpts,
          maxLength: fc.oneof(smallInt, huge),
          stride: fc.oneof(smallInt, huge),
        }),
      ),
    (m, t, x, options) =>
      new CausalLmScorer(m as never, t as never).perplexity(x as never, options as never),
    {
      check: (r) => {
        noNaN(r);
        expect((r as { corpusPerplexity: number }).corpusPerplexity).toBeGreaterThanOrEqual(1);
      },
    },
  ],
  [
    'MultipleChoiceHead.choose',
    (g) =>
      fc.tuple(
        model(g, 'gpt2-tiny-mc', 'gpt2-tiny'),
        tokenizer(g, gptTok),
        g.optionsOf({ extractTokenId: tokenId, padTokenId: tokenId }),
        g.listOf(
          fc.record(
            { context: g.mostly(text), choices: g.listOf(text, 4) },
            { requiredKeys: ['choices'] },
          ),
          3,
        ),
        g.optionsOf(batchOpts),
      ),
    (m, t, o, questions, options) =>
      new MultipleChoiceHead(m as never, t as never, o as never).choose(
        questions as never,
        options as never,
      ),
    {
      check: (r) => {
        noNaN(r);
        for (const c of r as { probabilities: Float64Array }[])
          expectProbabilities(c.probabilities);
      },
    },
  ],
  [
    'chooseByLikelihood',
    (g) =>
      fc.tuple(
        g.mostly(fc.constant(0)),
        fc.record(
          { context: g.mostly(text), choices: g.listOf(text, 4) },
          { requiredKeys: ['choices'] },
        ),
        g.optionsOf({
          ...batchOpts,
          reduce: anyOf('sum', 'mean', 'max'),
          separator: anyOf(' ', '', '\n'),
          stride: fc.oneof(smallInt, huge),
        }),
      ),
    (scorer, question, options) =>
      chooseByLikelihood(
        scorer === 0 ? new CausalLmScorer(sessions['gpt2-tiny']!, gptTok) : (scorer as never),
        question as never,
        options as never,
      ),
    { check: noNaN },
  ],
  [
    'TextGenerator.generate',
    (g) =>
      fc.tuple(
        model(g, 'gpt2-tiny', 'gpt2-tiny-with-past', 'bert-tiny'),
        g.mostly(fc.constantFrom(gptTok, fullTok, withoutSpecialTokens(bertTok))),
        g.mostly(text),
        g.optionsOf(
          {
            maxNewTokens: fc.oneof(fc.integer({ min: -1, max: 70 }), huge),
            doSample: fc.boolean(),
            temperature: fc.oneof(fc.double({ min: -1, max: 3 }), anyOf(1e-300, 1e300)),
            topK: fc.oneof(smallInt, huge),
            topP: fc.double({ min: -0.5, max: 1.5 }),
            repetitionPenalty: fc.oneof(fc.double({ min: -1, max: 3 }), anyOf(1e-300, 1e300)),
            seed: fc.oneof(fc.integer(), fc.double()),
            stopTokenIds: g.listOf(id, 3),
            stopStrings: g.listOf(anyOf('cat', '.', '', 'mat'), 2),
            useCache: fc.boolean(),
            signal,
          },
          { maxKeys: 7 },
        ),
      ),
    (m, t, prompt, options) =>
      new TextGenerator(m as never, t as never).generate(prompt as never, options as never),
    {
      check: (r) => {
        noNaN(r);
        const g = r as { ids: number[]; text: string; finishReason: string };
        expect(g.ids.every((i) => Number.isInteger(i) && i >= 0 && i < 1000)).toBe(true);
        expect(['stop', 'length']).toContain(g.finishReason);
      },
    },
  ],
  [
    'TextGenerator.generateIds',
    (g) =>
      fc.tuple(
        model(g, 'gpt2-tiny-with-past', 'gpt2-tiny'),
        ids(g),
        g.optionsOf({
          maxNewTokens: fc.oneof(fc.integer({ min: -1, max: 70 }), huge),
          doSample: fc.boolean(),
          seed: fc.oneof(fc.integer(), fc.double()),
          topK: smallInt,
        }),
      ),
    (m, promptIds, options) =>
      new TextGenerator(m as never, fullTok).generateIds(promptIds as never, options as never),
    { check: noNaN },
  ],
  [
    'readModelConfig',
    (g) =>
      fc.tuple(
        g.mostly(
          anyOf(
            fixtureModel('bert-tiny').replace('model.onnx', 'config.json'),
            fixtureModel('bert-tiny'),
            '/nope/config.json',
            '',
          ),
        ),
      ),
    (path) => readModelConfig(path as never),
    { check: noNaN },
  ],
  [
    'mapInBatches',
    (g) =>
      fc.tuple(
        g.listOf(fc.oneof(smallInt, fc.double()), 8),
        g.optionsOf(batchOpts),
        g.mostly(
          anyOf(
            (idx: readonly number[]) => Promise.resolve(idx.map((i) => i * 2)),
            () => Promise.resolve([]),
          ),
        ),
      ),
    (lengths, options, fn) => mapInBatches(lengths as never, options as never, fn as never),
  ],
];

type SyncCase = [
  name: string,
  args: (g: Gen) => fc.Arbitrary<unknown[]>,
  call: (...a: unknown[]) => unknown,
  check?: (r: unknown) => void,
];

const valueInfo = (g: Gen): fc.Arbitrary<unknown> =>
  fc.record({
    name: g.mostly(
      anyOf('input_ids', 'logits', 'past.0.key', 'past.0.value', 'past.4000000000.key'),
    ),
    type: g.mostly(anyOf('int64', 'float32', 'tensor(float)')),
    shape: g.listOf(fc.oneof(smallInt, anyOf('batch_size', 'sequence_length', 'num_choices')), 3),
  });
const fakeModel = fc.constant(
  named('fake(input_ids, attention_mask)', {
    inputs: [
      { name: 'input_ids', type: 'int64', shape: [] },
      { name: 'attention_mask', type: 'int32', shape: [] },
    ],
    outputs: [{ name: 'logits', type: 'float32', shape: [] }],
    io: mapModelIo(
      [
        { name: 'input_ids', type: 'int64', shape: [] },
        { name: 'attention_mask', type: 'int32', shape: [] },
      ],
      [{ name: 'logits', type: 'float32', shape: [] }],
    ),
    config: undefined,
    provider: 'cpu',
    run: () => Promise.resolve({}),
  }),
);
const logits = (g: Gen): fc.Arbitrary<unknown> =>
  g.mostly(
    fc.oneof(
      fc
        .array(fc.double({ min: -50, max: 50, noNaN: true }), { maxLength: 30 })
        .map((a) => Float32Array.from(a)),
      fc.array(fc.oneof(fc.double(), anyOf(-Infinity, Infinity)), { maxLength: 30 }),
      g.listOf(hostileScalar, 5),
    ),
  );
const samplingOpts = (g: Gen): fc.Arbitrary<unknown> =>
  g.optionsOf({
    doSample: fc.boolean(),
    temperature: fc.oneof(fc.double({ min: -1, max: 3 }), anyOf(1e-300, 1e300)),
    topK: fc.oneof(smallInt, huge),
    topP: fc.double({ min: -0.5, max: 1.5 }),
    repetitionPenalty: fc.oneof(fc.double({ min: -1, max: 3 }), anyOf(1e-300, 1e300)),
  });

const syncCases: SyncCase[] = [
  [
    'planBatches',
    (g) => fc.tuple(g.listOf(fc.oneof(smallInt, fc.double()), 10), g.optionsOf(batchOpts)),
    planBatches as never,
  ],
  [
    'checkBatchBytes',
    (g) =>
      fc.tuple(
        g.listOf(valueInfo(g), 3),
        g.mostly(smallInt),
        g.mostly(smallInt),
        g.mostly(fc.oneof(anyOf(16, 2 ** 30, Infinity), fc.double())),
        g.mostly(anyOf('T')),
        g.mostly(fc.dictionary(fc.constantFrom('num_choices', 'batch_size'), smallInt)),
      ),
    checkBatchBytes as never,
  ],
  [
    'collate',
    (g) =>
      fc.tuple(
        g.mostly(fakeModel),
        g.listOf(
          fc.record(
            { ids: ids(g), typeIds: g.mostly(g.listOf(fc.integer({ min: 0, max: 1 }), 12)) },
            { requiredKeys: ['ids'] },
          ),
          4,
        ),
        g.mostly(
          fc.record(
            { padTokenId: g.mostly(tokenId), side: g.mostly(anyOf('left', 'right', 'up')) },
            { requiredKeys: [] },
          ),
        ),
      ),
    collate as never,
  ],
  [
    'mapModelIo',
    (g) => fc.tuple(g.listOf(valueInfo(g), 5), g.listOf(valueInfo(g), 5)),
    mapModelIo as never,
  ],
  [
    'parseModelConfig',
    (g) =>
      fc.tuple(
        g.mostly(
          fc.record(
            {
              vocab_size: g.mostly(fc.oneof(smallInt, huge)),
              n_positions: g.mostly(smallInt),
              pad_token_id: g.mostly(smallInt),
              eos_token_id: g.mostly(fc.oneof(smallInt, g.listOf(smallInt, 3))),
              id2label: g.mostly(
                fc.dictionary(fc.constantFrom('0', '1', 'x', '-1'), g.mostly(anyOf('a'))),
              ),
              label2id: g.mostly(fc.dictionary(fc.constantFrom('a', 'b'), g.mostly(smallInt))),
              model_type: g.mostly(anyOf('bert')),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
    parseModelConfig as never,
    noNaN,
  ],
  [
    'poolHiddenStates',
    (g) =>
      fc
        .tuple(
          fc.integer({ min: 0, max: 3 }),
          fc.integer({ min: 0, max: 5 }),
          fc.integer({ min: 0, max: 4 }),
        )
        .chain(([b, s, w]) =>
          fc.tuple(
            g.mostly(
              fc.record({
                data: fc.oneof(
                  fc
                    .array(fc.double({ min: -10, max: 10, noNaN: true }), {
                      minLength: b * s * w,
                      maxLength: b * s * w,
                    })
                    .map((a) => Float32Array.from(a)),
                  fc.constant(Float32Array.from({ length: b * s * w }, () => NaN)),
                ),
                dims: g.mostly(fc.constant([b, s, w])),
              }),
            ),
            g.listOf(fc.integer({ min: -1, max: s + 1 }), b + 1),
            g.mostly(anyOf('cls', 'mean', 'max')),
            g.mostly(fc.boolean()),
            g.mostly(g.listOf(fc.integer({ min: 0, max: s }), b)),
          ),
        ),
    poolHiddenStates as never,
    noNaN,
  ],
  [
    'processLogits',
    (g) => fc.tuple(logits(g), g.mostly(g.listOf(id, 6)), samplingOpts(g)),
    processLogits as never,
    noNaN,
  ],
  [
    'pickToken',
    (g) =>
      fc.tuple(
        logits(g),
        g.mostly(fc.boolean()),
        g.mostly(
          anyOf(
            seededRandom(1),
            () => 0.999999,
            () => 1,
            () => NaN,
          ),
        ),
      ),
    pickToken as never,
    (r) => expect(Number.isInteger(r)).toBe(true),
  ],
  [
    'seededRandom',
    (g) => fc.tuple(g.mostly(fc.integer())),
    (seed) => seededRandom(seed as never)(),
    (r) => {
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(1);
    },
  ],
  [
    'withoutSpecialTokens',
    (g) => fc.tuple(g.mostly(fc.constantFrom(bertTok, gptTok, { encode: () => ({ ids: [] }) }))),
    (t) => withoutSpecialTokens(t as never).encode('the cat', null),
  ],
  [
    'SequenceClassifier.labelName',
    (g) => fc.tuple(g.mostly(smallInt)),
    (i) => new SequenceClassifier(sessions['bert-tiny-cls']!, bertTok).labelName(i as never),
    (r) => expect(typeof r).toBe('string'),
  ],
  [
    'CausalLmScorer.encode',
    (g) => fc.tuple(g.mostly(text)),
    (t) => new CausalLmScorer(sessions['gpt2-tiny']!, gptTok, { bosTokenId: 3 }).encode(t as never),
  ],
  [
    'TextGenerator.stream',
    (g) => fc.tuple(g.mostly(text)),
    (t) => typeof new TextGenerator(sessions['gpt2-tiny']!, gptTok).stream(t as never).next,
  ],
];

/**
 * Known findings, skipped by name until fixed: `<entry point>: <what fails>: <the shrunk arguments>`. Empty means
 * the suite found nothing.
 */
const FINDINGS: Record<string, string> = {};

describe('hostile input: a result or an InferenceError with a code, in time', () => {
  it.each(syncCases.filter(([name]) => !(name in FINDINGS)))('%s', (_, args, call, check) => {
    assertHostile(call, cleanOrHostile(args), { isTyped, numRuns: 200, check: check ?? noNaN });
  });

  it.each(asyncCases.filter(([name]) => !(name in FINDINGS)))(
    '%s',
    async (_, args, call, options = {}) => {
      await assertHostileAsync(call, cleanOrHostile(args), {
        isTyped,
        numRuns: options.numRuns ?? 100,
        baseMs: options.baseMs ?? 3000,
        check: options.check ?? noNaN,
      });
    },
    120_000,
  );

  it.skip.each(Object.entries(FINDINGS))('%s (known finding: %s)', () => undefined);
});
