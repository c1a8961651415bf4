import { NumpyPcg64 } from './numpy-random';

/** A seeded source of the draws the resampling tests make. */
export interface Rng {
  /** A uniform integer in [0, n), without modulo bias (n ≤ 2³²). */
  int(n: number): number;
  /** A uniform float in [0, 1). */
  float(): number;
  /** A fair coin: 0 or 1. */
  bit(): number;
}

/**
 * Which generator resamples: `'numpy'` is numpy's `default_rng(seed)` (PCG64), drawing exactly the indices
 * sacrebleu's `choice`/`integers` calls draw for the same seed; `'xoshiro128'` is faster (xoshiro128**).
 */
export type GeneratorKind = 'numpy' | 'xoshiro128';

/** A seeded generator of either kind; the same seed gives the same draws on every platform. */
export function createRng(seed: number, kind: GeneratorKind = 'numpy'): Rng {
  if (kind === 'numpy') {
    const g = new NumpyPcg64(seed);
    return {
      int: (n) => g.below(n),
      float: () => {
        // numpy's random(): the top 53 bits of a 64-bit output.
        const [hi, lo] = g.next64();
        return ((hi >>> 0) * 2097152 + Math.floor(lo / 2048)) / 9007199254740992;
      },
      bit: () => g.bit(),
    };
  }
  return createXoshiro(seed);
}

/**
 * xoshiro128** seeded through splitmix32.
 * @see https://prng.di.unimi.it/xoshiro128starstar.c
 */
function createXoshiro(seed: number): Rng {
  let x = seed >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    s0 >>>= 0;
    s1 >>>= 0;
    s2 >>>= 0;
    return result;
  };
  return {
    int(n: number): number {
      // Lemire-style rejection on 32 bits: accept only below the largest multiple of n.
      const limit = 0x100000000 - (0x100000000 % n);
      for (;;) {
        const r = next();
        if (r < limit) return r % n;
      }
    },
    bit(): number {
      return next() >>> 31;
    },
    float(): number {
      // 53 random bits: 27 from one draw, 26 from the next.
      const hi = next() >>> 5;
      const lo = next() >>> 6;
      return (hi * 67108864 + lo) / 9007199254740992;
    },
  };
}

function rotl(v: number, k: number): number {
  return ((v << k) | (v >>> (32 - k))) >>> 0;
}
