import { describe, expect, it } from 'vitest';
import { bits } from './adam-reference-loop.test-helper';
import { totalNorm } from './clip-grad';
import { GradientSums } from './gradient-sums';
import { SeededRng } from './seeded-rng';

// Values that stress the sum: ordinary, signed zeros, a subnormal, large, and values whose quotient by 3 rounds.
function grad(rng: SeededRng, n: number): Float32Array {
  const g = Float32Array.from({ length: n }, () => rng.normal() * 0.01);
  g[0] = -0;
  g[1] = 0;
  g[2] = -1e-45;
  g[3] = 3e38;
  g[4] = 1 / 3;
  return g;
}

/** The Trainer's sum before buffers were reused: a zeroed array per parameter, `s = s + g / accum`, rescaled. */
function referenceMean(micro: Float32Array[], accum: number): Float32Array {
  const s = new Float32Array(micro[0]!.length);
  for (const g of micro) for (let i = 0; i < g.length; i++) s[i] = s[i]! + g[i]! / accum;
  if (micro.length < accum)
    for (let i = 0; i < s.length; i++) s[i] = (s[i]! * accum) / micro.length;
  return s;
}

describe('GradientSums', () => {
  it.each([
    { accum: 1, micro: 1 },
    { accum: 3, micro: 3 },
    { accum: 3, micro: 2 },
  ])(
    'accum $accum over $micro micro-batches: adopted and kept buffers give the reference bits, signed zeros included',
    ({ accum, micro }) => {
      const rng = new SeededRng(11);
      const batches = Array.from({ length: micro }, () => ({ w: grad(rng, 257), b: grad(rng, 5) }));
      const want = {
        w: referenceMean(
          batches.map((g) => g.w),
          accum,
        ),
        b: referenceMean(
          batches.map((g) => g.b),
          accum,
        ),
      };
      for (const transferred of [false, true]) {
        const given = batches.map((g) => ({ w: g.w.slice(), b: g.b.slice() }));
        const sums = new GradientSums();
        for (const g of given) sums.add(g, ['w', 'b'], accum, 0, transferred);
        const got = sums.finish(micro, accum);
        expect(bits(got['w']!), `w, transferred ${transferred}`).toEqual(bits(want.w));
        expect(bits(got['b']!), `b, transferred ${transferred}`).toEqual(bits(want.b));
        // Adopted: the first micro-batch's arrays are the sums (no copy). Kept: the backend's arrays are untouched.
        if (transferred) expect(got['w']).toBe(given[0]!.w);
        else expect(bits(given[0]!.w)).toEqual(bits(batches[0]!.w));
      }
    },
  );

  it('keeps one buffer per parameter across steps for gradients it may not keep, and skips missing ones', () => {
    const sums = new GradientSums();
    sums.add({ w: Float32Array.of(1, 2) }, ['w', 'frozen'], 1, 0, false);
    const first = sums.finish(1, 1)['w']!;
    sums.clear();
    sums.add({ w: Float32Array.of(-0, 4) }, ['w'], 1, 1, false);
    const second = sums.finish(1, 1);
    expect(second['w']).toBe(first);
    expect(bits(second['w']!)).toEqual(bits(Float32Array.of(0, 4)));
    expect(Object.keys(second)).toEqual(['w']);
  });

  it('names the step, parameter and index of a non-finite gradient, on both paths', () => {
    for (const transferred of [false, true]) {
      const sums = new GradientSums();
      expect(() =>
        sums.add({ w: Float32Array.of(1, Number.NaN) }, ['w'], 1, 4, transferred),
      ).toThrow(/step 4: gradient of 'w' has NaN at index 1/);
      const later = new GradientSums();
      later.add({ w: Float32Array.of(1, 1) }, ['w'], 2, 0, transferred);
      expect(() =>
        later.add({ w: Float32Array.of(Infinity, 1) }, ['w'], 2, 0, transferred),
      ).toThrow(/has Infinity at index 0/);
    }
  });

  it('takes Σ g² as it adopts a whole step: the norm is totalNorm to the bit, and is not offered otherwise', () => {
    const rng = new SeededRng(5);
    // Integer-like names sort first in Object.keys: the sum must follow the sums' own order, as totalNorm does.
    const step = { w: grad(rng, 1001), '7': grad(rng, 33), b: grad(rng, 5) };
    const sums = new GradientSums();
    sums.add(step, ['w', '7', 'b', 'frozen'], 1, 0, true);
    const got = sums.finish(1, 1);
    const norm = sums.squaredNorm()! ** (1 / 2);
    expect(norm).toBe(totalNorm(Object.values(got), 2));
    expect(norm).toBeGreaterThan(1e38); // the 3e38 values are squared in float64, not float32
    sums.clear();
    expect(sums.squaredNorm()).toBe(0);
    const kept = new GradientSums();
    kept.add({ w: grad(rng, 9) }, ['w'], 1, 0, false);
    expect(kept.squaredNorm()).toBeUndefined();
    const accumulated = new GradientSums();
    accumulated.add({ w: grad(rng, 9) }, ['w'], 2, 0, true);
    expect(accumulated.squaredNorm()).toBeUndefined();
    expect(() =>
      new GradientSums().add({ w: Float32Array.of(0, 1, -Infinity) }, ['w'], 1, 2, true),
    ).toThrow(/step 2: gradient of 'w' has -Infinity at index 2/);
  });
});
