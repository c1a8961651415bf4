import { describe, expect, it } from 'vitest';
import { bits } from './adam-reference-loop.test-helper';
import { simdAvailable } from './adam-decoupled-simd';
import { AdamW } from './optimizer';
import { SeededRng } from './seeded-rng';

// Sizes around the 8192-element chunk (one under, exact, one over, odd tails) and the awkward small ones.
const sizes = { a: 1, b: 2, c: 3, d: 8191, e: 8192, f: 8193, g: 20001 };

function tensors(rng: SeededRng, scale: number): Record<string, Float32Array> {
  return Object.fromEntries(
    Object.entries(sizes).map(([n, k]) => {
      const a = Float32Array.from({ length: k }, () => rng.normal() * scale);
      if (k > 4) [a[0], a[1], a[2], a[3]] = [0, -0, 1e-30, -3e4];
      return [n, a];
    }),
  );
}

describe('AdamW updateKernel', () => {
  it('runs the WebAssembly SIMD kernel on this runtime', () => {
    expect(simdAvailable()).toBe(true);
  });

  it("'simd' gives the bits of 'scalar' over 5 steps on 7 tensors, moments and state round trip included", () => {
    const rng = new SeededRng(3);
    const init = tensors(rng, 0.05);
    const grads = Array.from({ length: 5 }, () => tensors(rng, 0.01));
    const copy = () => Object.fromEntries(Object.entries(init).map(([n, a]) => [n, a.slice()]));
    const ps = copy();
    const pl = copy();
    const o = { learningRate: 1e-3, weightDecay: 0.01 };
    const simd = new AdamW(ps, { ...o, updateKernel: 'simd' });
    const scalar = new AdamW(pl, { ...o, updateKernel: 'scalar' });
    grads.forEach((g, k) => {
      if (k === 3) simd.loadStateDict(simd.stateDict()); // moments leave and re-enter as new arrays
      simd.step(g);
      scalar.step(g);
      for (const n of Object.keys(sizes))
        expect(bits(ps[n]!), `${n} after step ${k + 1}`).toEqual(bits(pl[n]!));
    });
    const a = simd.stateDict().buffers;
    const b = scalar.stateDict().buffers;
    for (const n of Object.keys(sizes)) {
      expect(bits(a[n]!['expAvg']!)).toEqual(bits(b[n]!['expAvg']!));
      expect(bits(a[n]!['expAvgSq']!)).toEqual(bits(b[n]!['expAvgSq']!));
    }
  });

  it('refuses an unknown kernel with INVALID_OPTION', () => {
    expect(
      () =>
        new AdamW(
          { w: new Float32Array(2) },
          { learningRate: 1e-3, updateKernel: 'gpu' as 'simd' },
        ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});
