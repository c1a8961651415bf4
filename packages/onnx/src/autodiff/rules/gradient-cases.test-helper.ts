/** Test helper (not exported): builds one-op gradient cases and checks them against finite differences. */
import { expect, it } from 'vitest';
import type { Attribute, Tensor } from '../../types';
import { checkGradients, maxError, randomTensor, rng } from '../gradient-check';
import type { OpCase } from '../gradient-check';

export const int = (value: number): Attribute => ({ type: 'int', value });
export const ints = (value: number[]): Attribute => ({ type: 'ints', value });
export const float = (value: number): Attribute => ({ type: 'float', value });

/** A graph of one node `op(inputs) → y`. */
export const one = (
  op: string,
  inputs: string[],
  attributes?: Record<string, Attribute>,
): OpCase['nodes'] => [{ op, inputs, outputs: ['y'], attributes }];

/** Random float64 tensors drawn from one seeded stream, so each file sees the same inputs on every run. */
export function randomTensors(
  seed: number,
): (name: string, dims: number[], range?: [number, number]) => Tensor {
  const r = rng(seed);
  return (name, dims, range) => randomTensor(name, dims, r, range);
}

// Float64 central differences with h = 1e-6 are accurate to ~1e-9; 1e-6 leaves room and still fails on any
// wrong rule (a wrong sign, transpose or missing broadcast sum gives errors of order 1).
const TOL = 1e-6;

/** One `it` per case: the autodiff gradients equal float64 central finite differences within 1e-6. */
export function itMatchesFiniteDifferences(cases: readonly [string, OpCase][]): void {
  it.each(cases)('%s matches central finite differences (float64)', async (_, c) => {
    const results = await checkGradients(c);
    for (const res of results) expect(res.analytic.length).toBe(res.numeric.length);
    expect(maxError(results)).toBeLessThan(TOL);
  });
}
