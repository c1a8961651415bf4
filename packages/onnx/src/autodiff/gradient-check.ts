/**
 * Test helper (not exported): checks autodiff gradients of a tiny float64 graph against central finite differences
 * computed with the same onnxruntime session.
 */
import { mulberry32 } from '@nlpft/test-utils';
import { Graph } from '../graph';
import { createGradientSession } from '../runner/create-gradient-session';
import type { BatchTensor } from '../runner/create-gradient-session';
import type { Attribute, Tensor } from '../types';

/**
 * The checks' seeded PRNG: `mulberry32` of `@nlpft/test-utils` (the generator `SeededRandom` draws from), so every
 * check sees the same inputs.
 */
export const rng: (seed: number) => () => number = mulberry32;

export function randomTensor(
  name: string,
  dims: number[],
  rand: () => number,
  range: [number, number] = [-1, 1],
): Tensor {
  let n = 1;
  for (const d of dims) n *= d;
  return {
    name,
    type: 'float64',
    dims,
    data: Float64Array.from({ length: n }, () => range[0] + (range[1] - range[0]) * rand()),
  };
}

export function intTensor(name: string, dims: number[], values: number[]): Tensor {
  return { name, type: 'int64', dims, data: BigInt64Array.from(values, (v) => BigInt(v)) };
}

export interface OpCase {
  /** Node(s) producing `y` from the tensors. */
  nodes: {
    op: string;
    inputs: string[];
    outputs: string[];
    attributes?: Record<string, Attribute>;
  }[];
  /** Float64 tensors to differentiate. */
  params: Tensor[];
  /** Other initializers (indices, axes, shapes, constants). */
  constants?: Tensor[];
  /** Output dims of `y`, to make the random projection of the loss. */
  yDims: number[];
  /** Output name (default 'y'). */
  y?: string;
  /** Float type of y and of the loss projection (default 'float64'). */
  type?: 'float32' | 'float64';
}

/**
 * Builds loss = Σ y ⊙ R (R random, fixed) and returns autodiff and central-difference gradients per parameter.
 * @param h finite-difference step (float64: 1e-6 keeps truncation and rounding error near 1e-10)
 */
export async function checkGradients(
  c: OpCase,
  h = 1e-6,
  batch: Record<string, BatchTensor> = {},
  graphInputs: Graph['inputs'] = [],
): Promise<{ name: string; analytic: number[]; numeric: number[] }[]> {
  const rand = rng(42);
  const g = new Graph({ name: 'check' });
  g.inputs.push(...graphInputs);
  for (const t of [...c.params, ...(c.constants ?? [])]) g.addInitializer(t);
  for (const n of c.nodes) g.addNode(n.op, n.inputs, n.outputs, n.attributes ?? {});
  const y = c.y ?? 'y';
  const projection = randomTensor('R', c.yDims, rand);
  g.addInitializer(
    c.type === 'float32'
      ? { ...projection, type: 'float32', data: Float32Array.from(projection.data as Float64Array) }
      : projection,
  );
  g.addNode('Mul', [y, 'R'], ['yr']);
  g.addNode('ReduceSum', ['yr'], ['loss'], { keepdims: { type: 'int', value: 0 } });
  g.outputs.push({ name: 'loss', type: c.type ?? 'float64', shape: [] });
  const runner = await createGradientSession(g, {
    trainable: c.params.map((p) => p.name),
    loss: 'loss',
  });
  try {
    const { gradients } = await runner.step(batch, { dropoutSeed: 0.37 });
    const results: { name: string; analytic: number[]; numeric: number[] }[] = [];
    for (const p of c.params) {
      const values = runner.parameters.get(p.name)!;
      const analytic = Array.from(gradients.get(p.name)!);
      const numeric: number[] = [];
      for (let i = 0; i < values.length; i++) {
        const keep = values[i]!;
        values[i] = keep + h;
        const up = (await runner.step(batch, { dropoutSeed: 0.37 })).loss;
        values[i] = keep - h;
        const down = (await runner.step(batch, { dropoutSeed: 0.37 })).loss;
        values[i] = keep;
        numeric.push((up - down) / (2 * h));
      }
      results.push({ name: p.name, analytic, numeric });
    }
    return results;
  } finally {
    await runner.dispose();
  }
}

/** Largest |a - n| / (1 + |n|) over all entries: relative for large gradients, absolute near zero. */
export function maxError(results: { analytic: number[]; numeric: number[] }[]): number {
  let worst = 0;
  for (const r of results) {
    if (r.analytic.length !== r.numeric.length) return Infinity;
    r.analytic.forEach((a, i) => {
      const n = r.numeric[i]!;
      worst = Math.max(worst, Math.abs(a - n) / (1 + Math.abs(n)));
    });
  }
  return worst;
}
