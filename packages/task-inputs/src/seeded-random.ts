// A private copy of `seededRandom` in `@nlpft/inference` (this package stays dependency-free); seeded-random.test.ts
// checks it against `mulberry32` of `@nlpft/test-utils`.

/** Internal: mulberry32, a small seeded PRNG (uniform in [0, 1)), so prompt sampling repeats across runs. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
