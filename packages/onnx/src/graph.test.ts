import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { Graph, graphFromModel, graphToModel } from './graph';
import { readModel } from './read-model';
import { writeModel } from './write-model';

const typedBytes = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'io', 'typed-fields.onnx'),
);

async function run(
  bytes: Uint8Array,
  feeds: Record<string, ort.Tensor>,
): Promise<ort.InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3 });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

describe('graphFromModel / graphToModel', () => {
  it('keeps a Python-written model computing the same outputs in onnxruntime', async () => {
    const graph = graphFromModel(readModel(typedBytes));
    expect(graph.inputs).toEqual([{ name: 'x', type: 'float32', shape: ['batch', 3] }]);
    expect(graph.valueInfo.get('xw')?.shape).toEqual(['batch', undefined]);
    expect(graph.nodes.find((n) => n.opType === 'Gemm')?.attributes).toEqual({
      alpha: { type: 'float', value: 0.5 },
      transB: { type: 'int', value: 1 },
    });
    expect(graph.model.metadata).toEqual({ purpose: 'round-trip fixture' });
    const x = new ort.Tensor('float32', Float32Array.from([1, 2, 3, -1, 0.5, 4]), [2, 3]);
    const a = await run(typedBytes, { x });
    const b = await run(writeModel(graphToModel(graph)), { x });
    expect(Array.from(b.y!.data as Float32Array)).toEqual(Array.from(a.y!.data as Float32Array));
    expect(b.y!.dims).toEqual([2, 2, 2]);
    expect(Array.from(b.dd!.data as Float64Array)).toEqual(Array.from(a.dd!.data as Float64Array));
  });

  it('throws MALFORMED_MODEL for a model without a graph', () => {
    const model = readModel(typedBytes);
    model.graph = undefined;
    expect(() => graphFromModel(model)).toThrow(
      expect.objectContaining({ code: 'MALFORMED_MODEL' }),
    );
  });
});

describe('Graph', () => {
  it('makes unique names and indexes producers and consumers', () => {
    const g = new Graph();
    g.inputs.push({ name: 'x', type: 'float32', shape: [2] });
    const n1 = g.addNode('Relu', ['x'], [g.uniqueName('x')]);
    const n2 = g.addNode('Relu', ['x'], [g.uniqueName('x')]);
    expect(n1.outputs[0]).not.toBe('x');
    expect(n1.outputs[0]).not.toBe(n2.outputs[0]);
    expect(n1.name).not.toBe(n2.name);
    expect(g.consumers().get('x')).toEqual([n1, n2]);
    expect(g.producers().get(n2.outputs[0]!)).toBe(n2);
  });

  it('throws INVALID_TENSOR when an initializer does not fit its dims', () => {
    expect(() =>
      new Graph().addInitializer({
        name: 'w',
        type: 'float32',
        dims: [2, 2],
        data: new Float32Array(3),
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_TENSOR' }));
  });
});
