import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accuracyScore } from '@nlpft/metrics';
import { describe, expect, it } from 'vitest';
import { ClassificationHead } from './classification-head';
import type { FeatureExample } from './classification-head';
import { TrainingError } from './errors';
import { freezeAllButHead } from './freeze-plan';
import { AdamW, Sgd } from './optimizer';
import { linearSchedule } from './schedules';
import { SeededRng } from './seeded-rng';
import { Trainer } from './trainer';
import type { TrainerOptions, TrainerProgress } from './trainer';
import type { Trainable } from './types';

/** Two Gaussian blobs in 6 dimensions, label = which blob. */
function blobs(n: number, seed: number): FeatureExample[] {
  const r = new SeededRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const label = i % 2;
    return {
      label,
      features: Float32Array.from(
        { length: 6 },
        (_, j) => r.normal() + (label === 1 && j < 3 ? 1.5 : 0),
      ),
    };
  });
}
const train = blobs(120, 1);
const test = blobs(60, 2);

function setup(seed: number, extra: Partial<TrainerOptions<FeatureExample>> = {}) {
  const rng = new SeededRng(seed);
  const head = new ClassificationHead(6, 2, rng, { hiddenSize: 8, dropout: 0.1 });
  const optimizer = new AdamW(head.params, { learningRate: 0.01 });
  const evaluate = () => ({
    accuracy: accuracyScore(
      test.map((e) => e.label),
      head.predict(test.map((e) => e.features)),
    ),
  });
  const trainer = new Trainer({
    model: head,
    optimizer,
    train,
    rng,
    batchSize: 8,
    epochs: 3,
    logSteps: 5,
    evaluate,
    evalSteps: 10,
    metricForBest: 'accuracy',
    schedule: linearSchedule({ warmupSteps: 3, totalSteps: 45 }),
    maxGradNorm: 1,
    ...extra,
  });
  return { head, trainer };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'nlpft-training-'));

describe('Trainer', () => {
  it('learns, and the same seed gives a bit-identical run', async () => {
    const a = setup(5);
    const ra = await a.trainer.train();
    const b = setup(5);
    await b.trainer.train();
    for (const k of Object.keys(a.head.params))
      expect(Array.from(b.head.params[k]!)).toEqual(Array.from(a.head.params[k]!));
    expect(ra.steps).toBe(45);
    expect(ra.best!.value).toBeGreaterThanOrEqual(0.75); // majority baseline 0.5; Bayes rate ≈ 0.9
    const train0 = ra.log.find((e) => e.type === 'train')!;
    const trainLast = ra.log.filter((e) => e.type === 'train').at(-1)!;
    expect(
      train0.type === 'train' && trainLast.type === 'train' && trainLast.loss < train0.loss,
    ).toBe(true);
    const c = setup(6);
    await c.trainer.train();
    expect(Array.from(c.head.params['head.out_proj.bias']!)).not.toEqual(
      Array.from(a.head.params['head.out_proj.bias']!),
    );
  });

  it('resume from a checkpoint reproduces the uninterrupted run bit for bit', async () => {
    const dirA = tmp();
    const a = setup(9, {
      outputDir: dirA,
      saveSteps: 4,
      gradientAccumulationSteps: 2,
      batchSize: 5,
    });
    const ra = await a.trainer.train();
    const dirB = tmp();
    const b = setup(9, {
      outputDir: dirB,
      saveSteps: 4,
      gradientAccumulationSteps: 2,
      batchSize: 5,
      onStep: (s) => {
        if (s === 14) throw new Error('power cut');
      },
    });
    await expect(b.trainer.train()).rejects.toThrow('power cut');
    expect(readdirSync(dirB).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const c = setup(123, {
      outputDir: dirB,
      saveSteps: 4,
      gradientAccumulationSteps: 2,
      batchSize: 5,
      resumeFrom: join(dirB, 'checkpoint-last.json'),
    });
    const rc = await c.trainer.train();
    for (const k of Object.keys(a.head.params))
      expect(Array.from(c.head.params[k]!)).toEqual(Array.from(a.head.params[k]!));
    expect(rc.log).toEqual(ra.log.filter((e) => e.step > 12));
    expect(rc.best).toEqual(ra.best);
    expect(readFileSync(join(dirB, 'logs.jsonl'), 'utf8')).toBe(
      readFileSync(join(dirA, 'logs.jsonl'), 'utf8'),
    );
    const lines = readFileSync(join(dirA, 'logs.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual(JSON.parse(JSON.stringify(ra.log)));
  });

  it('an aborted signal saves at the step boundary; resuming equals the uninterrupted run', async () => {
    const opts = { saveSteps: 100, batchSize: 5 }; // saveSteps never fires: the abort alone must save
    const a = setup(21, { ...opts, outputDir: tmp() });
    await a.trainer.train();
    const dir = tmp();
    const controller = new AbortController();
    const b = setup(21, {
      ...opts,
      outputDir: dir,
      signal: controller.signal,
      onStep: (s) => {
        if (s === 17) controller.abort();
      },
    });
    const error = await b.trainer.train().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingError);
    expect((error as TrainingError).code).toBe('INTERRUPTED');
    expect((error as TrainingError).message).toMatch(
      /^step 17: interrupted; resume from .*checkpoint-last\.json$/,
    );
    const c = setup(99, { ...opts, outputDir: dir, resumeFrom: join(dir, 'checkpoint-last.json') });
    const rc = await c.trainer.train();
    expect(rc.log[0]!.step).toBeGreaterThan(17);
    for (const k of Object.keys(a.head.params))
      expect(Array.from(c.head.params[k]!)).toEqual(Array.from(a.head.params[k]!));
  });

  it('stops with NON_FINITE_LOSS / NON_FINITE_GRADIENT naming the step', async () => {
    const rng = new SeededRng(1);
    const head = new ClassificationHead(6, 2, rng, { dropout: 0 });
    const poisoned = (what: 'loss' | 'grad'): Trainable<FeatureExample> => ({
      params: head.params,
      computeGradients(ex, ctx) {
        const r = head.computeGradients(ex, ctx);
        if (ctx.step !== 3) return r;
        if (what === 'loss') return { ...r, loss: Number.NaN };
        r.grads['head.out_proj.bias']![1] = Infinity;
        return r;
      },
    });
    for (const [what, code] of [
      ['loss', 'NON_FINITE_LOSS'],
      ['grad', 'NON_FINITE_GRADIENT'],
    ] as const) {
      const t = new Trainer({
        model: poisoned(what),
        optimizer: new Sgd(head.params, { learningRate: 0.1 }),
        train,
        rng,
        epochs: 2,
      });
      const err = await t.train().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrainingError);
      expect((err as TrainingError).code).toBe(code);
      expect((err as TrainingError).message).toMatch(/^step 3:/);
    }
  });

  it('early stopping with patience keeps and restores the best parameters (Keras rule)', async () => {
    const scores = [0.5, 0.7, 0.69, 0.71, 0.6, 0.6, 0.9];
    let call = 0;
    const events: TrainerProgress[] = [];
    const { head, trainer } = setup(2, {
      evaluate: () => ({ accuracy: scores[call++]! }),
      evalSteps: 2,
      patience: 2,
      minDelta: 0.02,
      earlyStoppingRule: 'keras',
      epochs: 5,
      onProgress: (p) => events.push(p),
      onStep: (s) => {
        if (s === 4)
          bestAt4 = Object.fromEntries(
            Object.entries(head.params).map(([k, v]) => [k, Array.from(v)]),
          );
      },
    });
    let bestAt4: Record<string, number[]> = {};
    const r = await trainer.train();
    expect(r.stoppedEarly).toBe(true);
    expect(r.steps).toBe(8);
    expect(r.best).toMatchObject({ step: 4, value: 0.7 });
    for (const [k, v] of Object.entries(bestAt4)) expect(Array.from(head.params[k]!)).toEqual(v);
    // One event per train log line (logSteps 5), carrying the logged numbers; 3 epochs of 15 steps planned.
    const logged = r.log.filter((e) => e.type === 'train');
    expect(events.map((e) => [e.step, e.total, e.epoch, e.loss, e.learningRate])).toEqual(
      logged.map((e) => [e.step, 75, e.epoch, e.loss, e.learningRate]),
    );
    expect(events[0]!.step).toBe(5);
    for (const e of events) expect(e.etaSeconds).toBeGreaterThanOrEqual(0);
  });

  it('early stopping follows HF by default: 0.50, 0.55, 0.62, 0.69, 0.70 with patience 2, threshold 0.1', async () => {
    // Reference (fixtures/early-stopping.json, issue-example-*): HF stops after evaluation 3 with best 0.62;
    // the Keras rule stops after evaluation 5.
    const scores = [0.5, 0.55, 0.62, 0.69, 0.7];
    const run = async (rule?: 'hf' | 'keras') => {
      let call = 0;
      const { trainer } = setup(2, {
        evaluate: () => ({ accuracy: scores[call++]! }),
        evalSteps: 2,
        patience: 2,
        minDelta: 0.1,
        epochs: 5,
        earlyStoppingRule: rule,
      });
      return { result: await trainer.train(), evals: call };
    };
    const hf = await run();
    expect([hf.evals, hf.result.stoppedEarly, hf.result.steps]).toEqual([3, true, 6]);
    expect(hf.result.best).toMatchObject({ step: 6, value: 0.62 });
    const keras = await run('keras');
    expect([keras.evals, keras.result.stoppedEarly, keras.result.steps]).toEqual([5, true, 10]);
    expect(keras.result.best).toMatchObject({ step: 6, value: 0.62 });
  });

  it('rejects a patience below 1 and names the metrics when metricForBest is missing', async () => {
    const { head } = setup(1);
    const opt = new Sgd(head.params, { learningRate: 0.1 });
    expect(() => new Trainer({ model: head, optimizer: opt, train, patience: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    const t = new Trainer({
      model: head,
      optimizer: opt,
      train,
      evaluate: () => ({ f1: 1 }),
      metricForBest: 'accuracy',
    });
    await expect(t.train()).rejects.toThrow(/no 'accuracy'.*\["f1"\]/);
  });

  it('gradient accumulation equals one larger batch; freeze plans limit updates', async () => {
    const run = async (batchSize: number, accum: number) => {
      const rng = new SeededRng(4);
      const head = new ClassificationHead(6, 2, rng, { hiddenSize: 3, dropout: 0 });
      await new Trainer({
        model: head,
        optimizer: new Sgd(head.params, { learningRate: 0.5 }),
        train,
        rng,
        batchSize,
        gradientAccumulationSteps: accum,
        shuffle: false,
        epochs: 2,
      }).train();
      return head.params;
    };
    const a = await run(8, 1);
    const b = await run(4, 2);
    for (const k of Object.keys(a))
      a[k]!.forEach((v, i) => expect(Math.abs(v - b[k]![i]!)).toBeLessThan(1e-5));
    const rng = new SeededRng(4);
    const head = new ClassificationHead(6, 2, rng, { hiddenSize: 3 });
    const before = head.params['head.dense.weight']!.slice();
    const plan = freezeAllButHead(Object.keys(head.params), ['head.out_proj']);
    await new Trainer({
      model: head,
      optimizer: new AdamW(head.params, { learningRate: 0.1 }),
      train,
      rng,
      freezePlan: plan,
    }).train();
    expect(head.params['head.dense.weight']).toEqual(before);
  });

  it('rejects bad options and corrupt checkpoints', async () => {
    const { head } = setup(1);
    const opt = new Sgd(head.params, { learningRate: 0.1 });
    expect(() => new Trainer({ model: head, optimizer: opt, train: [] })).toThrow(/no examples/);
    expect(() => new Trainer({ model: head, optimizer: opt, train, batchSize: 0 })).toThrow(
      /batchSize/,
    );
    expect(() => new Trainer({ model: head, optimizer: opt, train, saveSteps: 2 })).toThrow(
      /outputDir/,
    );
    const t = new Trainer({
      model: head,
      optimizer: opt,
      train,
      resumeFrom: join(tmp(), 'missing.json'),
    });
    await expect(t.train()).rejects.toMatchObject({ code: 'CHECKPOINT_CORRUPT' });
    const t2 = new Trainer({
      model: head,
      optimizer: opt,
      train,
      evaluate: () => ({ f1: 1 }),
      metricForBest: 'accuracy',
    });
    await expect(t2.train()).rejects.toThrow(/no 'accuracy'/);
  });
});
