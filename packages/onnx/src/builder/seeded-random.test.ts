import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@nlpft/test-utils';
import { stepSeed } from '../runner/create-gradient-session';
import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('draws the uniforms of mulberry32 in @nlpft/test-utils, seed taken modulo 2^32', () => {
    for (const seed of [0, 1, 42, 2 ** 31, 2 ** 32 + 5, -7]) {
      const ours = new SeededRandom(seed);
      const reference = mulberry32(seed);
      for (let i = 0; i < 50; i++) expect(ours.uniform()).toBe(reference());
    }
  });

  it('gives stepSeed its draw: the first uniform under a hash of seed and step', () => {
    for (const [seed, step] of [
      [0, 0],
      [7, 3],
      [123456, 1000],
    ] as const) {
      const hashed = (seed * 0x9e3779b9 + step * 0x85ebca6b) >>> 0;
      expect(stepSeed(seed, step)).toBe(mulberry32(hashed)());
    }
  });

  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new SeededRandom(42).normalArray(100);
    expect(new SeededRandom(42).normalArray(100)).toEqual(a);
    expect(new SeededRandom(43).normalArray(100)).not.toEqual(a);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const r = new SeededRandom(1);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let inRange = true;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      inRange &&= u >= 0 && u < 1;
      sum += u;
      sq += u * u;
    }
    expect(inRange).toBe(true);
    const mean = sum / n;
    // Standard error of the mean is √(1/12/n) ≈ 6.5e-4; 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(3.3e-3);
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(2e-3);
  });

  it('draws normals with the requested mean and std', () => {
    const x = new SeededRandom(2).normalArray(200_000, 3, 0.5);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const std = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length);
    // Standard errors: 0.5/√n ≈ 1.1e-3 for the mean, ≈ 7.9e-4 for the std; 5 of them.
    expect(Math.abs(mean - 3)).toBeLessThan(5.6e-3);
    expect(Math.abs(std - 0.5)).toBeLessThan(4e-3);
  });
});

describe('SeededRandom.normalArray', () => {
  it('gives the same values as repeated normal() calls, across odd lengths and a cached spare', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    a.normal();
    b.normal(); // both now hold a spare
    const fromArray = [...a.normalArray(5, 1, 2), ...a.normalArray(4, 0, 0.5)];
    const fromCalls = [
      ...Array.from({ length: 5 }, () => Math.fround(b.normal(1, 2))),
      ...Array.from({ length: 4 }, () => Math.fround(b.normal(0, 0.5))),
    ];
    expect(fromArray).toEqual(fromCalls);
  });
});
