import type { Rng } from './types';

/** Internal: an index in [0, n) from one draw; clamped so a stub rng returning 1 stays in range. */
export function randomIndex(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}
