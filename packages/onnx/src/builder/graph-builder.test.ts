import { describe, expect, it } from 'vitest';
import { GraphBuilder } from './graph-builder';
import { broadcastShapes } from './infer-shape';
import { maxAbsDiff, runGraph } from './testing';
import { gelu, layerNorm, linear } from './layers';

describe('GraphBuilder', () => {
  it('builds a runnable graph with scoped node names, symbolic dims and inferred shapes', async () => {
    const b = new GraphBuilder({ seed: 1 });
    const x = b.input('x', 'float32', ['batch', 3]);
    const y = b.scope('block', () => linear(b, x, 2, { name: 'dense' }));
    expect(y.shape).toEqual(['batch', 2]);
    expect(b.graph.nodes.map((n) => n.name)).toEqual(['/block/dense/MatMul', '/block/dense/Add']);
    expect([...b.graph.initializers.keys()]).toEqual(['block.dense.weight', 'block.dense.bias']);
    b.output(y, 'y');
    const w = b.graph.initializers.get('block.dense.weight')!.data as Float32Array;
    const out = await runGraph(b.graph, {
      x: { dims: [1, 3], data: Float32Array.from([1, 2, 3]) },
    });
    const expected = [0, 1].map((o) => 1 * w[o]! + 2 * w[2 + o]! + 3 * w[4 + o]!);
    expect(maxAbsDiff(out['y']!.data, expected)).toBeLessThan(1e-7);
  });

  it('computes erf GELU, tanh GELU and LayerNorm as their formulas', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 4]);
    b.output(gelu(b, x, 'tanh'), 'tanh');
    b.output(layerNorm(b, x, { name: 'ln', eps: 1e-5 }), 'ln');
    const values = [-2, -0.5, 0.25, 3];
    const out = await runGraph(b.graph, { x: { dims: [1, 4], data: Float32Array.from(values) } });
    const tanhRef = values.map(
      (v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))),
    );
    expect(maxAbsDiff(out['tanh']!.data, tanhRef)).toBeLessThan(1e-6);
    const mean = values.reduce((s, v) => s + v, 0) / 4;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / 4;
    expect(
      maxAbsDiff(
        out['ln']!.data,
        values.map((v) => (v - mean) / Math.sqrt(variance + 1e-5)),
      ),
    ).toBeLessThan(1e-6);
  });

  it('makes names unique with _1, _2 … and rejects a taken parameter name with INVALID_INPUT', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2]);
    b.op1('Relu', [x]);
    b.op1('Relu', [x]);
    expect(b.graph.nodes.map((n) => n.name)).toEqual(['/Relu', '/Relu_1']);
    b.parameter('w', [2], 'ones');
    expect(() => b.parameter('w', [2], 'zeros')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => b.parameter('v', [3], new Float32Array(2))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('rejects an unknown input value with UNKNOWN_VALUE and a linear layer of unknown width with INVALID_INPUT', () => {
    const b = new GraphBuilder();
    expect(() => b.op1('Relu', ['nope'])).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE' }),
    );
    const x = b.input('x', 'float32', ['batch', 'features']);
    expect(() => linear(b, x, 2, { name: 'dense' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

describe('broadcastShapes', () => {
  it('broadcasts like NumPy, keeping symbols and treating unknown dims as 1-or-equal', () => {
    expect(
      broadcastShapes([
        ['b', 1, 4],
        [3, 1],
      ]),
    ).toEqual(['b', 3, 4]);
    expect(
      broadcastShapes([
        ['b', 's', 8],
        [1, undefined, 8],
      ]),
    ).toEqual(['b', 's', 8]);
    expect(broadcastShapes([[undefined], [1]])).toEqual([undefined]);
    expect(broadcastShapes([['a'], ['b']])).toEqual([undefined]);
    expect(broadcastShapes([[2], undefined])).toBeUndefined();
  });
});
