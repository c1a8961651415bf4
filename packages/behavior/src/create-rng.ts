import { BehaviorError } from './errors';
import { describeValue } from './argument-checks';
import type { Rng } from './types';

// A private copy of the generator `@nlpft/inference` exports as `seededRandom` (this package depends on no other);
// create-rng.test.ts checks it against `mulberry32` of `@nlpft/test-utils`.

/**
 * A seeded generator of uniform numbers in [0, 1): mulberry32 (Tommy Ettinger's 32-bit mixer), small and fast,
 * good enough to pick typo positions; not for cryptography.
 * @example const rng = createRng(42); rng(); // 0.6011037519201636
 */
export function createRng(seed: number): Rng {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `createRng: seed must be a finite number, got ${describeValue(seed)}`,
    );
  }
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
