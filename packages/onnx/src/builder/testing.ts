/*
 * Test support (not exported from the package): run a Graph in onnxruntime-node and read committed fixtures.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { graphToModel } from '../graph';
import type { Graph } from '../graph';
import { writeModel } from '../write-model';

/** An output of a run: dims and float values. */
export interface RunOutput {
  dims: number[];
  data: Float32Array;
}

/** int64 feeds from nested number arrays (`[batch][sequence]`). */
export function int64Feed(rows: readonly (readonly number[])[]): ort.Tensor {
  const flat = rows.flat();
  return new ort.Tensor(
    'int64',
    BigInt64Array.from(flat, (v) => BigInt(v)),
    [rows.length, rows[0]?.length ?? 0],
  );
}

/** Runs `graph` once on CPU with the given feeds (nested arrays become int64, Float32Arrays need dims). */
export async function runGraph(
  graph: Graph,
  feeds: Record<string, readonly (readonly number[])[] | { dims: number[]; data: Float32Array }>,
  optimization: 'disabled' | 'all' = 'all',
): Promise<Record<string, RunOutput>> {
  const session = await ort.InferenceSession.create(writeModel(graphToModel(graph)), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: optimization,
  });
  try {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const input of session.inputNames) {
      const v = feeds[input];
      if (v === undefined) throw new Error(`runGraph: no feed for input '${input}'`);
      ortFeeds[input] = 'dims' in v ? new ort.Tensor('float32', v.data, v.dims) : int64Feed(v);
    }
    const result = await session.run(ortFeeds);
    const out: Record<string, RunOutput> = {};
    for (const [k, t] of Object.entries(result))
      out[k] = { dims: [...t.dims], data: t.data as Float32Array };
    return out;
  } finally {
    await session.release();
  }
}

/** The folder of committed builder fixtures. */
export const FIXTURES = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'fixtures',
  'builder',
);

/** A committed fixture file's bytes. */
export function readFixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

/** The largest absolute elementwise difference of two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length)
    throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length} differ`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
  return m;
}
