/**
 * Mulberry32 (Tommy Ettinger's 32-bit mixer): a tiny seeded generator of floats in [0, 1), so generated test data and
 * benchmark inputs are the same on every run. The seed is taken modulo 2³². Tests, benches and helpers share this one
 * copy; the published packages keep their own (they stay free of `@nlpft` dependencies), and their tests check that
 * those give the same sequences as this one.
 * @example mulberry32(42)() // 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
