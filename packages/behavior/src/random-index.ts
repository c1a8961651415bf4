import { BehaviorError } from './errors';
import type { Rng } from './types';

/**
 * Internal: an index in [0, n) from one draw; clamped so a stub rng returning 1 stays in range.
 * @throws {BehaviorError} `INVALID_OPTION` when the draw is not a number in [0, 1] (a NaN draw used to index
 * `undefined` and fail later as a TypeError).
 */
export function randomIndex(rng: Rng, n: number): number {
  const draw = rng();
  if (!(typeof draw === 'number' && draw >= 0 && draw <= 1)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `rng returned ${String(draw)}; a generator must return numbers in [0, 1)`,
    );
  }
  return Math.min(n - 1, Math.floor(draw * n));
}
