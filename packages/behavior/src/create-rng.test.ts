import { mulberry32 } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import { deriveSeed } from './derive-seed';

describe('createRng', () => {
  it('repeats its sequence for the same seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    expect(Array.from({ length: 100 }, a)).toEqual(Array.from({ length: 100 }, b));
  });

  it('gives different sequences for different seeds', () => {
    expect(createRng(1)()).not.toBe(createRng(2)());
  });

  it('stays in [0, 1) with a mean near 1/2 over 10,000 draws', () => {
    const rng = createRng(3);
    const xs = Array.from({ length: 10_000 }, rng);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    // The mean of n uniforms has sd 1/sqrt(12 n) ≈ 0.0029; 0.01 is over 3 sd.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.01);
  });

  it("gives test-utils' mulberry32 sequence for generated seeds (negative, fractional, above 2³²)", () => {
    const next = mulberry32(23);
    for (let k = 0; k < 200; k++) {
      const seed = (next() - 0.5) * 2 ** 40;
      const ours = createRng(seed);
      const reference = mulberry32(seed);
      for (let i = 0; i < 20; i++) expect(ours()).toBe(reference());
    }
  });
});

describe('deriveSeed', () => {
  it('is stable and separates its parts', () => {
    expect(deriveSeed(0, 'typos', 1, 0)).toBe(deriveSeed(0, 'typos', 1, 0));
    const seeds = [
      deriveSeed(0, 'typos', 1, 0),
      deriveSeed(0, 'typos', 10),
      deriveSeed(1, 'typos', 1, 0),
    ];
    expect(new Set(seeds).size).toBe(3);
    expect(deriveSeed(0, 'a', 11)).not.toBe(deriveSeed(0, 'a1', 1));
  });
});
