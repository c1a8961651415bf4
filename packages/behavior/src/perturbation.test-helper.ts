import { expect } from 'vitest';
import { createRng } from './create-rng';
import type { Perturbation, Rng } from './types';

/** A stub generator that returns the stated draws in order, so a test can compute the output by hand. */
export function drawsRng(draws: readonly number[]): Rng {
  let i = 0;
  return () => {
    if (i >= draws.length)
      throw new Error(`drawsRng: asked for draw ${i + 1}, only ${draws.length} given`);
    return draws[i++]!;
  };
}

/** Whether `text` holds a UTF-16 surrogate without its partner (`\p{Cs}` matches only lone ones under /u). */
export function hasLoneSurrogate(text: string): boolean {
  return /\p{Cs}/u.test(text);
}

/** Outputs for seeds 0..n-1. */
export function outputsBySeed(p: Perturbation, text: string, n = 20): (string | null)[] {
  return Array.from({ length: n }, (_, seed) => p(text, createRng(seed)));
}

/** Same seed → same output; for a random perturbation, seeds 0..19 give more than one output. */
export function expectSeeded(p: Perturbation, text: string, random = true): void {
  const first = outputsBySeed(p, text);
  expect(outputsBySeed(p, text)).toEqual(first);
  expect(new Set(first).size > 1).toBe(random);
}
