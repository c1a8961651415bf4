import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Adafactor } from './adafactor';
import type { AdafactorOptions } from './adafactor';
import { Adam, AdamW, BertAdam, Sgd } from './optimizer';
import type { Optimizer } from './optimizer';
import { TransformersAdamW } from './optimizer-legacy-adamw';
import type { Params } from './types';

interface Case {
  kind: string;
  options: Record<string, unknown>;
  trajectory: Array<Record<string, number[]>>;
}
// torch.optim (maximize) and re-statements of transformers.AdamW, Adafactor and pytorch-pretrained-bert BertAdam,
// from scripts/gen_optimizer_reference.py.
const ref = JSON.parse(
  readFileSync(new URL('../fixtures/optimizer-reference.json', import.meta.url), 'utf8'),
) as {
  data: {
    shapes: Record<string, number[]>;
    init: Record<string, number[]>;
    grads: Array<Record<string, number[]>>;
    cases: Case[];
  };
};
const { shapes, init, grads, cases } = ref.data;

const fresh = (): Params =>
  Object.fromEntries(Object.entries(init).map(([k, v]) => [k, Float32Array.from(v)]));
const g32 = (g: Record<string, number[]>) =>
  Object.fromEntries(Object.entries(g).map(([k, v]) => [k, Float32Array.from(v)]));

function make(c: Case, params: Params): Optimizer {
  const o = c.options as {
    lr?: number;
    weightDecay?: number;
    momentum?: number;
    amsgrad?: boolean;
    maximize?: boolean;
    betas?: [number, number];
    eps?: number | [number, number];
    correctBias?: boolean;
    maxGradNorm?: number;
    beta1?: number;
    clipThreshold?: number;
    decayRate?: number;
    relativeStep?: boolean;
    scaleParameter?: boolean;
    warmupInit?: boolean;
  };
  const eps = typeof o.eps === 'number' ? o.eps : undefined;
  switch (c.kind) {
    case 'sgd':
      return new Sgd(params, { learningRate: o.lr!, ...o, maximize: o.maximize });
    case 'adam':
      return new Adam(params, {
        learningRate: o.lr!,
        weightDecay: o.weightDecay,
        amsgrad: o.amsgrad,
        maximize: o.maximize,
      });
    case 'adamw':
      return new AdamW(params, {
        learningRate: o.lr!,
        weightDecay: o.weightDecay,
        amsgrad: o.amsgrad,
        maximize: o.maximize,
      });
    case 'transformers-adamw':
      return new TransformersAdamW(params, {
        learningRate: o.lr,
        weightDecay: o.weightDecay,
        betas: o.betas,
        eps,
        correctBias: o.correctBias,
      });
    case 'bertadam':
      return new BertAdam(params, {
        learningRate: o.lr!,
        weightDecay: o.weightDecay,
        maxGradNorm: o.maxGradNorm,
        betas: o.betas,
        eps,
      });
    case 'adafactor':
      return new Adafactor(params, {
        learningRate: o.lr,
        weightDecay: o.weightDecay,
        eps: Array.isArray(o.eps) ? o.eps : undefined,
        beta1: o.beta1,
        clipThreshold: o.clipThreshold,
        decayRate: o.decayRate,
        relativeStep: o.relativeStep,
        scaleParameter: o.scaleParameter,
        warmupInit: o.warmupInit,
        shapes,
      } satisfies AdafactorOptions);
    default:
      throw new Error(`no optimizer for ${c.kind}`);
  }
}

describe('optimizers equal torch / Hugging Face step by step (1e-6)', () => {
  it('covers maximize, transformers.AdamW, BertAdam defaults and Adafactor', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(
      new Set(['sgd', 'adam', 'adamw', 'transformers-adamw', 'bertadam', 'adafactor']),
    );
  });
  for (const c of cases) {
    it(`${c.kind} ${JSON.stringify(c.options)}`, () => {
      const params = fresh();
      const opt = make(c, params);
      c.trajectory.forEach((expected, t) => {
        const g = g32(grads[t]!);
        const before = Object.fromEntries(Object.entries(g).map(([k, v]) => [k, v.slice()]));
        opt.step(g);
        // No optimizer changes the caller's gradients (BertAdam clips a copy).
        for (const k of Object.keys(g)) expect(g[k]).toEqual(before[k]);
        for (const [name, values] of Object.entries(expected)) {
          const got = params[name]!;
          values.forEach((v, i) =>
            expect(Math.abs(got[i]! - v), `${name}[${i}] step ${t + 1}`).toBeLessThan(1e-6),
          );
        }
      });
    });
  }

  it('state save/restore continues bit-identically, factored buffers included', () => {
    for (const c of cases) {
      const a = fresh();
      const oa = make(c, a);
      for (const g of grads) oa.step(g32(g));
      const b = fresh();
      const ob = make(c, b);
      for (const g of grads.slice(0, 3)) ob.step(g32(g));
      const saved = ob.stateDict();
      const oc = make(c, b);
      oc.loadStateDict(saved);
      for (const g of grads.slice(3)) oc.step(g32(g));
      for (const k of Object.keys(a)) expect(Array.from(b[k]!)).toEqual(Array.from(a[k]!));
    }
  });
});

describe('BertAdam defaults', () => {
  it('are pytorch-pretrained-bert: weight decay 0.01 and per-parameter clip 1.0', () => {
    const c = cases.find(
      (x) => x.kind === 'bertadam' && JSON.stringify(x.options) === '{"lr":0.01}',
    )!;
    const explicit = fresh();
    const o = new BertAdam(explicit, { learningRate: 0.01, weightDecay: 0.01, maxGradNorm: 1 });
    const byDefault = fresh();
    const d = new BertAdam(byDefault, { learningRate: 0.01 });
    for (const g of grads) {
      o.step(g32(g));
      d.step(g32(g));
    }
    expect(byDefault).toEqual(explicit);
    // First reference step of the default case, written out: dense.weight[0].
    expect(byDefault['dense.weight']![0]).toBeCloseTo(c.trajectory.at(-1)!['dense.weight']![0]!, 6);
    expect(() => new BertAdam(fresh(), { learningRate: 0.01, maxGradNorm: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('Adafactor options', () => {
  it('refuses the combinations HF refuses and shapes that do not fit', () => {
    const invalid = expect.objectContaining({ code: 'INVALID_OPTION' });
    expect(() => new Adafactor(fresh(), { learningRate: 0.01 })).toThrow(invalid);
    expect(() => new Adafactor(fresh(), { relativeStep: false })).toThrow(invalid);
    expect(
      () => new Adafactor(fresh(), { relativeStep: false, learningRate: 1, warmupInit: true }),
    ).toThrow(invalid);
    expect(() => new Adafactor(fresh(), { shapes: { 'dense.weight': [4, 4] } })).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
    expect(() => new Adafactor(fresh(), { shapes: { nope: [1] } })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_PARAMETER' }),
    );
  });
  it('keeps row and column statistics, not a full second moment, for matrices', () => {
    const o = new Adafactor(fresh(), { shapes });
    o.step(g32(grads[0]!));
    const b = o.stateDict().buffers;
    expect(b['dense.weight']!['expAvgSqRow']!.length).toBe(3);
    expect(b['dense.weight']!['expAvgSqCol']!.length).toBe(4);
    expect(b['blocks.weight']!['expAvgSqRow']!.length).toBe(6);
    expect(b['blocks.weight']!['expAvgSqCol']!.length).toBe(4);
    expect(b['dense.bias']!['expAvgSq']!.length).toBe(4);
  });
});
