import { describe, expect, it } from 'vitest';
import { bits, referenceAdamUpdate } from './adam-reference-loop.test-helper';
import type { ReferenceAdamOptions } from './adam-reference-loop.test-helper';
import { clipGradNorm } from './clip-grad';
import { Adam, AdamW, BertAdam } from './optimizer';
import { SeededRng } from './seeded-rng';

// Values that stress the rounding: ordinary, tiny (subnormal squares), signed zeros, large.
function tensor(rng: SeededRng, n: number, scale: number): Float32Array {
  const a = Float32Array.from({ length: n }, () => rng.normal() * scale);
  a[0] = 0;
  a[1] = -0;
  a[2] = 1e-30;
  a[3] = -3e4;
  return a;
}

const cases: {
  name: string;
  make: (p: Record<string, Float32Array>) => Adam;
  ref: ReferenceAdamOptions;
}[] = [
  {
    name: 'AdamW, weight decay 0.01',
    make: (p) => new AdamW(p, { learningRate: 2e-3, weightDecay: 0.01 }),
    ref: {
      lr: 2e-3,
      wd: 0.01,
      b1: 0.9,
      b2: 0.999,
      eps: 1e-8,
      amsgrad: false,
      biasCorrection: true,
      decoupled: true,
      maximize: false,
    },
  },
  {
    name: 'AdamW without weight decay',
    make: (p) =>
      new AdamW(p, { learningRate: 1e-3, weightDecay: 0, betas: [0.8, 0.99], eps: 1e-6 }),
    ref: {
      lr: 1e-3,
      wd: 0,
      b1: 0.8,
      b2: 0.99,
      eps: 1e-6,
      amsgrad: false,
      biasCorrection: true,
      decoupled: true,
      maximize: false,
    },
  },
  {
    name: 'BertAdam without clipping (no bias correction)',
    make: (p) => new BertAdam(p, { learningRate: 5e-3, maxGradNorm: 0 }),
    ref: {
      lr: 5e-3,
      wd: 0.01,
      b1: 0.9,
      b2: 0.999,
      eps: 1e-6,
      amsgrad: false,
      biasCorrection: false,
      decoupled: true,
      maximize: false,
    },
  },
  {
    name: 'Adam with L2 decay (general loop)',
    make: (p) => new Adam(p, { learningRate: 1e-3, weightDecay: 0.1 }),
    ref: {
      lr: 1e-3,
      wd: 0.1,
      b1: 0.9,
      b2: 0.999,
      eps: 1e-8,
      amsgrad: false,
      biasCorrection: true,
      decoupled: false,
      maximize: false,
    },
  },
  {
    name: 'AdamW with AMSGrad, maximizing (general loop)',
    make: (p) => new AdamW(p, { learningRate: 1e-3, amsgrad: true, maximize: true }),
    ref: {
      lr: 1e-3,
      wd: 0.01,
      b1: 0.9,
      b2: 0.999,
      eps: 1e-8,
      amsgrad: true,
      biasCorrection: true,
      decoupled: true,
      maximize: true,
    },
  },
];

describe('Adam update loops', () => {
  it.each(cases)(
    '$name: 6 steps give the same bits as the per-element reference loop',
    ({ make, ref }) => {
      const rng = new SeededRng(7);
      const n = 1031;
      const init = tensor(rng, n, 0.05);
      const grads = Array.from({ length: 6 }, () => tensor(rng, n, 0.01));
      const p = { w: init.slice() };
      const opt = make(p);
      const q = init.slice();
      const state = { m: new Float32Array(n), v: new Float32Array(n), vmax: new Float32Array(n) };
      grads.forEach((g, k) => {
        opt.step({ w: g });
        referenceAdamUpdate(q, g, state, ref, k + 1);
        expect(bits(p.w), `parameters after step ${k + 1}`).toEqual(bits(q));
      });
      const saved = opt.stateDict().buffers['w']!;
      expect(bits(saved['expAvg']!)).toEqual(bits(state.m));
      expect(bits(saved['expAvgSq']!)).toEqual(bits(state.v));
    },
  );
});

describe('BertAdam per-parameter clipping', () => {
  it('clips in a reused scratch array: the same bits as clipping a copy with clipGradNorm, gradients untouched', () => {
    const ref: ReferenceAdamOptions = {
      lr: 5e-3,
      wd: 0.01,
      b1: 0.9,
      b2: 0.999,
      eps: 1e-6,
      amsgrad: false,
      biasCorrection: false,
      decoupled: true,
      maximize: false,
    };
    const rng = new SeededRng(8);
    // A large tensor then a small one (the scratch is reused as a shorter view); scales above and below the
    // clipping norm 1, so some steps clip and some do not.
    const sizes = { big: 2053, small: 17 };
    const init = { big: tensor(rng, sizes.big, 0.05), small: tensor(rng, sizes.small, 0.05) };
    const p = { big: init.big.slice(), small: init.small.slice() };
    const opt = new BertAdam(p, { learningRate: ref.lr });
    const q = { big: init.big.slice(), small: init.small.slice() };
    const state = {
      big: {
        m: new Float32Array(sizes.big),
        v: new Float32Array(sizes.big),
        vmax: new Float32Array(0),
      },
      small: {
        m: new Float32Array(sizes.small),
        v: new Float32Array(sizes.small),
        vmax: new Float32Array(0),
      },
    };
    let clippedSteps = 0;
    for (const [k, scale] of [0.5, 0.001, 2, 0.01, 0.3].entries()) {
      const g = { big: tensor(rng, sizes.big, scale), small: tensor(rng, sizes.small, scale * 9) };
      g.big[3] = g.small[3] = -0.5; // keep tensor()'s -3e4 from clipping every step
      const given = { big: g.big.slice(), small: g.small.slice() };
      opt.step(given);
      for (const n of ['big', 'small'] as const) {
        const copy = g[n].slice();
        if (clipGradNorm([copy], 1) > 1) clippedSteps++;
        referenceAdamUpdate(q[n], copy, state[n], ref, k + 1);
        expect(bits(p[n]), `${n} after step ${k + 1}`).toEqual(bits(q[n]));
        expect(bits(given[n]), `${n}: the caller's gradient is unchanged`).toEqual(bits(g[n]));
      }
    }
    expect(clippedSteps).toBeGreaterThan(2);
    expect(clippedSteps).toBeLessThan(10);
  });
});
