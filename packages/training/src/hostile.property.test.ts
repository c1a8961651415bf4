import {
  assertHostile,
  hasNaN,
  hostileScalar,
  listOf,
  mostly,
  optionsOf,
} from '@nlpft/test-utils/hostile';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as training from './index';
import { TrainingError } from './errors';

const isTyped = (e: unknown): boolean =>
  e instanceof TrainingError && typeof e.code === 'string' && e.code.length > 0;
const anyOf = (...v: unknown[]): fc.Arbitrary<unknown> => fc.constantFrom(...v);
const smallInt = fc.integer({ min: -2, max: 12 });
const count = fc.oneof(smallInt, anyOf(NaN, Infinity, -Infinity, 0.5, -0, 1e308, 2 ** 53 + 2, '3'));
const real = fc.oneof(
  fc.double({ min: -2, max: 2 }),
  anyOf(NaN, Infinity, -Infinity, 0, 1, 1e-8, 0.9, 0.999, 1e308),
);
const names = [
  'embeddings.word.weight',
  'encoder.layer.0.dense.weight',
  'encoder.layer.1.dense.bias',
  'classifier.weight',
];
const name = anyOf(...names, 'nope', '');
const nameList = listOf(name, 4);
/** Fresh parameters per run (optimizers update them in place). */
const params = fc.constant(null).map(() => ({
  a: new Float32Array([0.5, -1, 2]),
  b: new Float32Array([0.25]),
}));
const grads = mostly(
  fc.record({
    a: mostly(fc.float32Array({ minLength: 3, maxLength: 3 })),
    b: mostly(fc.float32Array({ minLength: 0, maxLength: 2 })),
  }),
);
const groups = listOf(
  fc.record(
    { params: listOf(anyOf('a', 'b', 'c'), 2), learningRate: real, weightDecay: real },
    { requiredKeys: ['params'] },
  ),
  2,
);
const baseOptions = { learningRate: real, weightDecay: real, groups };
const adamOptions = optionsOf(
  {
    ...baseOptions,
    betas: mostly(fc.tuple(real, real)),
    eps: real,
    amsgrad: fc.boolean(),
    maximize: fc.boolean(),
  },
  { maxKeys: 5 },
);
const layerMap = mostly(
  fc.record({
    numLayers: count,
    layerOf: anyOf(
      training.defaultLayerOf,
      () => NaN,
      () => 99,
    ),
  }),
);
const scheduleOptions = optionsOf(
  {
    warmupSteps: count,
    totalSteps: count,
    numCycles: real,
    power: real,
    lrEnd: real,
    minLr: real,
    minLrRate: real,
    decaySteps: count,
    stableSteps: count,
    stepSize: count,
    gamma: real,
    milestones: listOf(count, 3),
    tMax: count,
    tMult: count,
    etaMin: real,
    learningRate: real,
    cutFrac: real,
    ratio: real,
    timescale: count,
    pctStart: real,
    divFactor: real,
    finalDivFactor: real,
    patience: count,
    factor: real,
    threshold: real,
    mode: anyOf('min', 'max', 'mid'),
  },
  { maxKeys: 6 },
);
const checkpointJson = fc.oneof(
  fc.constant(null).map(() => validCheckpointText()),
  fc.nat({ max: 400 }).map((n) => validCheckpointText().slice(0, n)),
  fc
    .tuple(
      fc.constantFrom(
        'step',
        'epoch',
        'params',
        'optimizer',
        'rng',
        'pending',
        'best',
        'order',
        'badEvals',
        'batchIndex',
      ),
      hostileScalar.filter((v) => typeof v !== 'symbol' && typeof v !== 'bigint'),
    )
    .map(([key, value]) => {
      const raw = JSON.parse(validCheckpointText()) as Record<string, unknown>;
      raw[key] = value;
      return JSON.stringify(raw);
    }),
  anyOf('null', '[]', '{}', '"x"', '1', '{"format":"nlpft-training-checkpoint/1"}'),
  hostileScalar,
);

function validCheckpointText(): string {
  const optimizer = new training.AdamW({ a: new Float32Array([1, 2]) }, { learningRate: 0.1 });
  optimizer.step({ a: new Float32Array([0.5, -0.5]) });
  return training.serializeCheckpoint({
    step: 1,
    epoch: 0,
    order: [1, 0],
    batchIndex: 1,
    rng: new training.SeededRng(3).state(),
    params: { a: new Float32Array([1, 2]) },
    optimizer: optimizer.stateDict(),
    best: null,
    badEvals: 0,
    pending: { lossSum: 0.5, count: 1 },
  });
}

const noNaN = (result: unknown): void => {
  expect(hasNaN(result)).toBe(false);
};
/** A schedule's factors over a few steps, so NaN factors from bad options show. */
const factors = (s: unknown): unknown => {
  const f = s as (step: number) => number;
  return [0, 1, 3, 10, 1000].map((t) => f(t));
};
const optimizerRun =
  (Ctor: new (p: training.Params, o: never) => training.Optimizer) =>
  (p: unknown, o: unknown, g: unknown) => {
    const opt = new Ctor(p as training.Params, o as never);
    opt.step(g as training.Grads);
    return (p as training.Params).a;
  };

// Argument lists per public function, in the order of its parameters.
const cases: [string, (...args: unknown[]) => unknown, fc.Arbitrary<unknown[]>][] = [
  [
    'Sgd',
    optimizerRun(training.Sgd),
    fc.tuple(
      params,
      optionsOf({ ...baseOptions, momentum: real, dampening: real, nesterov: fc.boolean() }),
      grads,
    ),
  ],
  ['Adam', optimizerRun(training.Adam), fc.tuple(params, adamOptions, grads)],
  ['AdamW', optimizerRun(training.AdamW), fc.tuple(params, adamOptions, grads)],
  [
    'BertAdam',
    optimizerRun(training.BertAdam),
    fc.tuple(params, optionsOf({ ...baseOptions, maxGradNorm: real, eps: real }), grads),
  ],
  [
    'TransformersAdamW',
    optimizerRun(training.TransformersAdamW),
    fc.tuple(params, adamOptions, grads),
  ],
  [
    'Adafactor',
    optimizerRun(training.Adafactor),
    fc.tuple(
      params,
      optionsOf({
        learningRate: real,
        eps: mostly(fc.tuple(real, real)),
        clipThreshold: real,
        decayRate: real,
        weightDecay: real,
        relativeStep: fc.boolean(),
        scaleParameter: fc.boolean(),
      }),
      grads,
    ),
  ],
  [
    'Optimizer.setLearningRateFactor',
    (o, f) => {
      const opt = new training.AdamW({ a: new Float32Array(2) }, { learningRate: 0.1 });
      opt.setLearningRateFactor(f as number);
      return opt.groups;
    },
    fc.tuple(fc.constant(0), mostly(real)),
  ],
  [
    'Optimizer.loadStateDict',
    (s) =>
      new training.AdamW({ a: new Float32Array(2) }, { learningRate: 0.1 }).loadStateDict(
        s as never,
      ),
    fc.tuple(
      mostly(
        fc.record({
          kind: anyOf('adamw', 'sgd'),
          groups: listOf(fc.record({ learningRate: real, baseLearningRate: real }), 2),
          steps: mostly(fc.dictionary(anyOf('a', 'b') as fc.Arbitrary<string>, count)),
          buffers: mostly(
            fc.dictionary(
              anyOf('a', 'b') as fc.Arbitrary<string>,
              mostly(
                fc.dictionary(
                  anyOf('m', 'v') as fc.Arbitrary<string>,
                  mostly(fc.float32Array({ maxLength: 3 })),
                ),
              ),
            ),
          ),
        }),
      ),
    ),
  ],
  [
    'getSchedule',
    (n, o) => factors(training.getSchedule(n as never, o as never)),
    fc.tuple(mostly(fc.constantFrom(...training.SCHEDULE_NAMES, 'nope')), scheduleOptions),
  ],
  [
    'linearSchedule',
    (o) => factors(training.linearSchedule(o as never)),
    fc.tuple(scheduleOptions),
  ],
  [
    'cosineSchedule',
    (o) => factors(training.cosineSchedule(o as never)),
    fc.tuple(scheduleOptions),
  ],
  [
    'polynomialSchedule',
    (o) => factors(training.polynomialSchedule(o as never)),
    fc.tuple(scheduleOptions),
  ],
  [
    'oneCycleSchedule',
    (o) => factors(training.oneCycleSchedule(o as never)),
    fc.tuple(scheduleOptions),
  ],
  [
    'warmupStableDecaySchedule',
    (o) => factors(training.warmupStableDecaySchedule(o as never)),
    fc.tuple(scheduleOptions),
  ],

  [
    'reduceLrOnPlateau',
    (o, values) => {
      const s = training.reduceLrOnPlateau(o as never);
      for (const v of values as number[]) s.reportMetric(v);
      return s(0);
    },
    fc.tuple(scheduleOptions, fc.array(real, { maxLength: 5 })),
  ],
  [
    'clipGradNorm',
    (g, m, o) => training.clipGradNorm(g as never, m as number, o as never),
    fc.tuple(
      mostly(fc.record({ a: mostly(fc.float32Array({ maxLength: 3 })) })),
      mostly(real),
      optionsOf({ normType: fc.oneof(real, anyOf('inf', 'l2')), errorIfNonfinite: fc.boolean() }),
    ),
  ],
  [
    'clipGradValue',
    (g, v) => training.clipGradValue(g as never, v as number),
    fc.tuple(mostly(fc.record({ a: mostly(fc.float32Array({ maxLength: 3 })) })), mostly(real)),
  ],
  [
    'weightDecayGroups',
    training.weightDecayGroups as never,
    fc.tuple(nameList, optionsOf({ weightDecay: real, noDecay: anyOf(() => true) })),
  ],
  [
    'layerwiseLrDecayGroups',
    training.layerwiseLrDecayGroups as never,
    fc.tuple(
      nameList,
      optionsOf({
        learningRate: real,
        decay: real,
        numLayers: count,
        weightDecay: real,
        structure: layerMap,
      }),
    ),
  ],
  [
    'discriminativeGroups',
    training.discriminativeGroups as never,
    fc.tuple(
      nameList,
      optionsOf({ learningRate: real, factor: real, numLayers: count, weightDecay: real }),
    ),
  ],
  ['defaultLayerOf', training.defaultLayerOf as never, fc.tuple(mostly(name))],
  ['isNoDecayParameter', training.isNoDecayParameter as never, fc.tuple(mostly(name))],
  ['hfNoDecayName', training.hfNoDecayName as never, fc.tuple(mostly(name))],
  [
    'new SeededRng',
    (s) => new training.SeededRng(s as number).next(),
    fc.tuple(mostly(fc.oneof(fc.integer(), real))),
  ],
  [
    'fullFineTuning',
    (n, s) => training.fullFineTuning(n as never).trainableAt(s as number),
    fc.tuple(nameList, mostly(count)),
  ],
  [
    'freezeAllButHead',
    (n, h, s) => training.freezeAllButHead(n as never, h as never).trainableAt(s as number),
    fc.tuple(
      nameList,
      mostly(
        fc.oneof(
          nameList,
          anyOf((x: string) => x.startsWith('classifier')),
          layerMap,
        ),
      ),
      mostly(count),
    ),
  ],
  [
    'freezeBottomLayers',
    (n, k, o, s) =>
      training.freezeBottomLayers(n as never, k as number, o as never).trainableAt(s as number),
    fc.tuple(
      nameList,
      mostly(count),
      optionsOf({ numLayers: count, structure: layerMap }),
      mostly(count),
    ),
  ],
  [
    'gradualUnfreezing',
    (n, o, s) => training.gradualUnfreezing(n as never, o as never).trainableAt(s as number),
    fc.tuple(
      nameList,
      optionsOf({ stepsPerStage: count, numLayers: count, structure: layerMap }),
      mostly(count),
    ),
  ],
  [
    'earlyStoppingStep',
    training.earlyStoppingStep as never,
    fc.tuple(
      mostly(fc.record({ best: fc.option(real), badEvals: count })),
      mostly(real),
      optionsOf({
        mode: anyOf('min', 'max', 'mid'),
        patience: count,
        minDelta: real,
        rule: anyOf('patience', 'hf', 'keras', 'nope'),
      }),
    ),
  ],
  [
    'simulateEarlyStopping',
    training.simulateEarlyStopping as never,
    fc.tuple(
      listOf(real, 6),
      optionsOf({ mode: anyOf('min', 'max', 'mid'), patience: count, minDelta: real }),
    ),
  ],
  ['parseCheckpoint', training.parseCheckpoint as never, fc.tuple(checkpointJson)],
  [
    'serializeCheckpoint',
    training.serializeCheckpoint as never,
    fc.tuple(mostly(fc.constant(null).map(() => training.parseCheckpoint(validCheckpointText())))),
  ],
  [
    'new Trainer',
    (o) => new training.Trainer(o as never),
    fc.tuple(
      optionsOf(
        {
          model: fc.constant({
            params: { a: new Float32Array(1) },
            computeGradients: () => ({ loss: 0, grads: {} }),
          }),
          optimizer: fc
            .constant(null)
            .map(() => new training.Sgd({ a: new Float32Array(1) }, { learningRate: 0.1 })),
          train: listOf(fc.integer(), 3),
          batchSize: count,
          epochs: count,
          maxSteps: count,
          gradientAccumulationSteps: count,
          maxGradNorm: real,
          seed: real,
          minDelta: real,
          mode: anyOf('min', 'max', 'mid'),
        },
        { maxKeys: 8 },
      ),
    ),
  ],
  [
    'resultsTable',
    training.resultsTable as never,
    fc.tuple(
      listOf(
        fc.record({ config: fc.dictionary(fc.constantFrom('lr', 'bs'), real), score: real }),
        3,
      ),
      mostly(anyOf('score', 'loss')),
    ),
  ],
];

const OPTIMIZERS = new Set(['Sgd', 'Adam', 'AdamW', 'BertAdam', 'TransformersAdamW', 'Adafactor']);

describe('hostile inputs', () => {
  it.each(cases)('%s answers with a result or a TrainingError', (name, call, args) => {
    // An optimizer step with a finite but absurd rate (1e308) overflows to NaN weights, as torch's does.
    const check = OPTIMIZERS.has(name) ? undefined : noNaN;
    assertHostile(call, args, { isTyped, numRuns: 150, ...(check ? { check } : {}) });
  });
});

describe('hostile-input regressions', () => {
  const code = (c: string): Error =>
    expect.objectContaining({ name: 'TrainingError', code: c }) as Error;

  it.each(['null', '[]', '{"format":"nlpft-training-checkpoint/1"'])(
    'parseCheckpoint refuses %s with CHECKPOINT_CORRUPT, not a TypeError',
    (text) => {
      expect(() => training.parseCheckpoint(text)).toThrow(code('CHECKPOINT_CORRUPT'));
    },
  );

  it('parseCheckpoint names a parameter that is not base64 text', () => {
    const raw = JSON.parse(validCheckpointText()) as Record<string, unknown>;
    raw['params'] = { a: 5 };
    expect(() => training.parseCheckpoint(JSON.stringify(raw))).toThrow(/\$\.params/);
  });

  it('a resume from a checkpoint with a wrong-sized parameter leaves every parameter as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlpft-resume-'));
    const path = join(dir, 'checkpoint.json');
    const good = training.parseCheckpoint(validCheckpointText());
    // `a` fits the model (2 values), `b` does not (3 values for 1): the old loader copied `a` before failing on `b`.
    const saved = { ...good, params: { a: new Float32Array([7, 8]), b: new Float32Array(3) } };
    writeFileSync(path, training.serializeCheckpoint(saved));
    const params = { a: new Float32Array([1, 2]), b: new Float32Array([3]) };
    const trainer = new training.Trainer({
      model: { params, computeGradients: () => ({ loss: 0, grads: {} }) },
      optimizer: new training.AdamW(params, { learningRate: 0.1 }),
      train: [1, 2],
      resumeFrom: path,
    });
    await expect(trainer.train()).rejects.toThrow(code('CHECKPOINT_CORRUPT'));
    expect([...params.a]).toEqual([1, 2]);
    expect([...params.b]).toEqual([3]);
  });

  it('a NaN loss in the middle of training is NON_FINITE_LOSS naming the step', async () => {
    const params = { w: new Float32Array([1]) };
    let calls = 0;
    const trainer = new training.Trainer({
      model: {
        params,
        computeGradients: () => ({
          loss: ++calls === 2 ? NaN : 1,
          grads: { w: new Float32Array([0.1]) },
        }),
      },
      optimizer: new training.Sgd(params, { learningRate: 0.1 }),
      train: [1, 2, 3],
      batchSize: 1,
    });
    await expect(trainer.train()).rejects.toThrow(code('NON_FINITE_LOSS'));
  });

  it('linearSchedule without totalSteps is INVALID_OPTION instead of NaN factors', () => {
    expect(() => training.linearSchedule({} as never)).toThrow(code('INVALID_OPTION'));
    expect(training.linearSchedule({ warmupSteps: 0, totalSteps: 10 })(5)).toBeCloseTo(0.5, 10);
  });

  it('a warmup longer than the run and a run of 0 steps give finite factors', () => {
    // HF divides by max(1, total - warmup): warmup 20 of 10 steps ramps 0 → 1 over the first 20 steps.
    const long = training.linearSchedule({ warmupSteps: 20, totalSteps: 10 });
    expect(long(5)).toBeCloseTo(5 / 20, 10);
    expect(training.linearSchedule({ totalSteps: 0 })(0)).toBe(0);
  });

  it('layerwiseLrDecayGroups without learningRate is INVALID_OPTION instead of NaN rates', () => {
    expect(() =>
      training.layerwiseLrDecayGroups(['classifier.weight'], { decay: 0.9, numLayers: 2 } as never),
    ).toThrow(code('INVALID_OPTION'));
  });

  it('earlyStoppingStep refuses a NaN metric instead of keeping it as the best', () => {
    const state = { best: null, badEvals: 0 };
    expect(() => training.earlyStoppingStep(state, NaN, { mode: 'min' })).toThrow(
      code('INVALID_OPTION'),
    );
  });

  it('gradualUnfreezing refuses a NaN step instead of freezing everything', () => {
    const plan = training.gradualUnfreezing(['classifier.weight'], {
      stepsPerStage: 1,
      numLayers: 1,
    });
    expect(() => plan.trainableAt(NaN)).toThrow(code('INVALID_OPTION'));
    expect(plan.trainableAt(0)).toEqual(['classifier.weight']);
  });

  it.each([NaN, -1, Infinity])('setLearningRateFactor refuses %s', (factor) => {
    const opt = new training.AdamW({ a: new Float32Array(1) }, { learningRate: 0.1 });
    expect(() => opt.setLearningRateFactor(factor)).toThrow(code('INVALID_OPTION'));
  });

  it.each([
    [{ learningRate: NaN }],
    [{ learningRate: -1 }],
    [{ learningRate: Infinity }],
    [{ learningRate: 0.1, betas: [1, 0.999] }],
    [{ learningRate: 0.1, betas: [0.9, -0.1] }],
    [{ learningRate: 0.1, eps: -1e-8 }],
    [{ learningRate: 0.1, weightDecay: -0.01 }],
    [{ learningRate: 0.1, betas: 0.9 }],
  ])('AdamW refuses %j', (options) => {
    expect(() => new training.AdamW({ a: new Float32Array(1) }, options as never)).toThrow(
      code('INVALID_OPTION'),
    );
  });

  it.each([NaN, -1])('clipGradNorm refuses maxNorm %s', (maxNorm) => {
    expect(() => training.clipGradNorm({ a: new Float32Array([3, 4]) }, maxNorm)).toThrow(
      code('INVALID_OPTION'),
    );
  });

  it.each([
    [{ epochs: 0 }],
    [{ batchSize: 0 }],
    [{ batchSize: 1.5 }],
    [{ epochs: NaN }],
    [{ train: 'abc' }],
    [{ maxGradNorm: NaN }],
    [{ maxGradNorm: -1 }],
  ])('Trainer refuses %j', (extra) => {
    const params = { w: new Float32Array(1) };
    const options = {
      model: { params, computeGradients: () => ({ loss: 0, grads: {} }) },
      optimizer: new training.Sgd(params, { learningRate: 0.1 }),
      train: [1],
      ...extra,
    };
    expect(() => new training.Trainer(options as never)).toThrow(code('INVALID_OPTION'));
  });

  it('Trainer takes maxGradNorm Infinity (no clipping), as torch does', () => {
    const params = { w: new Float32Array(1) };
    const trainer = new training.Trainer({
      model: { params, computeGradients: () => ({ loss: 0, grads: {} }) },
      optimizer: new training.Sgd(params, { learningRate: 0.1 }),
      train: [1],
      maxGradNorm: Infinity,
    });
    expect(trainer).toBeInstanceOf(training.Trainer);
  });
});
