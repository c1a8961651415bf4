import { checkFunction, checkOptions } from './argument-checks';
import { createRng } from './create-rng';
import type { Perturbation } from './types';

/**
 * Applies one perturbation with a fresh generator seeded by `seed`: the same seed gives the same output.
 * @example perturb('the movie was great', typoSwap, { seed: 1 }) // 'the movie wsa great' (one adjacent swap)
 */
export function perturb(
  text: string,
  perturbation: Perturbation,
  options: { seed?: number } = {},
): string | null {
  checkOptions('perturb: options', options);
  checkFunction('perturb: perturbation', perturbation);
  return perturbation(text, createRng(options.seed ?? 0));
}
