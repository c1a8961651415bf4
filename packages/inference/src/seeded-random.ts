import { invalidInput } from './argument-checks';

// mulberry32, one copy per published layer: this exported one; `createRng` in `@nlpft/behavior` and `SeededRandom`
// in `@nlpft/onnx` (weight init, dropout seeds), packages that import no other `@nlpft` package; and an unexported
// copy in `@nlpft/task-inputs` (prompt sampling). Each package's test checks its copy against `mulberry32` of
// `@nlpft/test-utils`, so one seed gives one sequence everywhere.

/**
 * A seeded pseudo-random generator (mulberry32) returning floats in [0, 1): the same seed gives the same samples.
 * The seed is an integer, taken modulo 2³².
 * @throws {InferenceError} `INVALID_INPUT` for a seed that is not an integer.
 * @example const rng = seededRandom(42); rng() // 0.6011…
 */
export function seededRandom(seed: number): () => number {
  if (typeof seed !== 'number' || !Number.isInteger(seed))
    throw invalidInput('seededRandom', 'seed', 'an integer', seed);
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
