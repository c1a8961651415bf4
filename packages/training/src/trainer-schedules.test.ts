import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ClassificationHead } from './classification-head';
import type { FeatureExample } from './classification-head';
import { Adam, AdamW, Adafactor, Sgd } from './index';
import type { Optimizer } from './optimizer';
import { oneCycleMomentum, oneCycleSchedule, reduceLrOnPlateau } from './schedules';
import { SeededRng } from './seeded-rng';
import { Trainer } from './trainer';
import type { TrainerOptions } from './trainer';

interface OneCycleCase {
  optimizer: 'adam' | 'sgd';
  annealStrategy: 'cos' | 'linear';
  init: Record<string, number[]>;
  grads: Record<string, number[]>[];
  after: Record<string, number[]>[];
}
// torch OneCycleLR(cycle_momentum=True) driving Adam / SGD: scripts/gen_one_cycle_training.py.
const fixture = JSON.parse(
  readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'one-cycle-training.json'),
    'utf8',
  ),
) as { steps: number; cases: OneCycleCase[] };

describe('one-cycle momentum cycling (torch OneCycleLR, cycle_momentum=True)', () => {
  it.each(fixture.cases.map((c) => [`${c.optimizer}, ${c.annealStrategy}`, c] as const))(
    '%s: parameters after every step equal torch within 1e-6',
    (_, c) => {
      const params = Object.fromEntries(
        Object.entries(c.init).map(([k, v]) => [k, Float32Array.from(v)]),
      );
      const optimizer: Optimizer =
        c.optimizer === 'adam'
          ? new Adam(params, { learningRate: 0.01, betas: [0.95, 0.999] })
          : new Sgd(params, { learningRate: 0.01, momentum: 0.9 });
      const phases = { totalSteps: fixture.steps, annealStrategy: c.annealStrategy };
      const lr = oneCycleSchedule(phases);
      const momentum = oneCycleMomentum({ ...phases, baseMomentum: 0.85, maxMomentum: 0.95 });
      c.grads.forEach((g, step) => {
        optimizer.setLearningRateFactor(lr(step));
        optimizer.setMomentum(momentum(step));
        optimizer.step(
          Object.fromEntries(Object.entries(g).map(([k, v]) => [k, Float32Array.from(v)])),
        );
        for (const [k, expected] of Object.entries(c.after[step]!)) {
          Array.from(params[k]!).forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 6));
        }
      });
    },
  );

  it('setMomentum checks its value, and an optimizer without momentum says so', () => {
    const p = { w: new Float32Array(2) };
    expect(() => new Adam(p, { learningRate: 0.1 }).setMomentum(1)).toThrow(
      /betas\[0\] must be in/,
    );
    expect(() =>
      new Adafactor(p, { learningRate: 0.1, relativeStep: false }).setMomentum(0.9),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: 'adafactor has no momentum to set (got 0.9)',
      }),
    );
  });
});

/** Two Gaussian blobs in 4 dimensions. */
function blobs(n: number, seed: number): FeatureExample[] {
  const r = new SeededRng(seed);
  return Array.from({ length: n }, (_, i) => ({
    label: i % 2,
    features: Float32Array.from(
      { length: 4 },
      (_, j) => r.normal() + (i % 2 === 1 && j < 2 ? 1 : 0),
    ),
  }));
}
const train = blobs(64, 3);

function setup(extra: Partial<TrainerOptions<FeatureExample>>, metrics: number[]) {
  const rng = new SeededRng(4);
  const head = new ClassificationHead(4, 2, rng, { hiddenSize: 4 });
  const optimizer = new AdamW(head.params, { learningRate: 0.01 });
  let evals = 0;
  const trainer = new Trainer({
    model: head,
    optimizer,
    train,
    rng,
    batchSize: 8,
    maxSteps: 24,
    logSteps: 1,
    evalSteps: 4,
    evaluate: () => ({ loss: metrics[evals++] ?? 1 }),
    ...extra,
  });
  return { head, trainer };
}

describe('Trainer with reduceLrOnPlateau', () => {
  // Evaluations at steps 4, 8, …, 24; loss stops improving after the second.
  const metrics = [1, 0.5, 0.6, 0.7, 0.8, 0.9];

  it('feeds metricForBest after each evaluation, as HF feeds metric_for_best_model', async () => {
    const { trainer } = setup(
      { schedule: reduceLrOnPlateau({ patience: 1, factor: 0.5 }) },
      metrics,
    );
    const result = await trainer.train();
    const rates = result.log.flatMap((e) => (e.type === 'train' ? [[e.step, e.learningRate]] : []));
    // torch: bad evals at steps 12 (1) and 16 (2 > patience 1) → halve; cooldown 0, so 20 (1), 24 (2) → halve again.
    const rateAt = (step: number) => rates.find(([s]) => s === step)![1];
    expect(rateAt(16)).toBeCloseTo(0.01, 12);
    expect(rateAt(17)).toBeCloseTo(0.005, 12);
    expect(rateAt(24)).toBeCloseTo(0.005, 12);
  });

  it('keeps its state in checkpoints: a resumed run equals the uninterrupted one', async () => {
    const schedule = () => reduceLrOnPlateau({ patience: 1, factor: 0.5 });
    const straight = setup({ schedule: schedule() }, metrics);
    await straight.trainer.train();
    const dir = mkdtempSync(join(tmpdir(), 'nlpft-plateau-'));
    const cut = setup(
      {
        schedule: schedule(),
        outputDir: dir,
        saveSteps: 18,
        onStep: (s) => {
          if (s === 19) throw new Error('power cut');
        },
      },
      metrics,
    );
    await expect(cut.trainer.train()).rejects.toThrow('power cut');
    // The resumed run's evaluate sees the metrics from the fifth evaluation on (steps 20, 24).
    const resumed = setup(
      { schedule: schedule(), outputDir: dir, resumeFrom: join(dir, 'checkpoint-last.json') },
      metrics.slice(4),
    );
    await resumed.trainer.train();
    for (const k of Object.keys(straight.head.params))
      expect(Array.from(resumed.head.params[k]!)).toEqual(Array.from(straight.head.params[k]!));
  });

  it('needs evaluate', async () => {
    const rng = new SeededRng(1);
    const head = new ClassificationHead(4, 2, rng);
    const trainer = new Trainer({
      model: head,
      optimizer: new Sgd(head.params, { learningRate: 0.1 }),
      train,
      schedule: reduceLrOnPlateau(),
    });
    await expect(trainer.train()).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message:
          'a reduceLrOnPlateau schedule needs evaluate: it lowers the rate from evaluation metrics',
      }),
    );
  });
});

describe('Trainer with a momentum schedule', () => {
  it('sets the momentum before every step: constant β₁ 0.5 equals an Adam built with it', async () => {
    const run = async (momentum: boolean) => {
      const rng = new SeededRng(2);
      const head = new ClassificationHead(4, 2, rng, { hiddenSize: 4 });
      const optimizer = new Adam(head.params, {
        learningRate: 0.01,
        betas: [momentum ? 0.9 : 0.5, 0.999],
      });
      await new Trainer({
        model: head,
        optimizer,
        train,
        rng,
        batchSize: 8,
        maxSteps: 10,
        ...(momentum ? { momentumSchedule: () => 0.5 } : {}),
      }).train();
      return head.params;
    };
    const a = await run(true);
    const b = await run(false);
    for (const k of Object.keys(a)) expect(Array.from(a[k]!)).toEqual(Array.from(b[k]!));
  });
});
