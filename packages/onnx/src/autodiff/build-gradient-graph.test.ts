import { describe, expect, it } from 'vitest';
import { Graph } from '../graph';
import { buildGradientGraph } from './build-gradient-graph';
import { randomTensor, rng } from './gradient-check';

function twoLayer(): Graph {
  const r = rng(9);
  const g = new Graph();
  g.inputs.push({ name: 'x', type: 'float64', shape: ['batch', 3] });
  g.addInitializer(randomTensor('w1', [3, 4], r));
  g.addInitializer(randomTensor('w2', [4, 2], r));
  g.addNode('MatMul', ['x', 'w1'], ['h1']);
  g.addNode('Tanh', ['h1'], ['h2']);
  g.addNode('MatMul', ['h2', 'w2'], ['y']);
  g.addNode('ReduceSum', ['y'], ['loss'], { keepdims: { type: 'int', value: 0 } });
  g.outputs.push({ name: 'loss', type: 'float64', shape: [] });
  return g;
}

describe('buildGradientGraph', () => {
  it('makes trainable initializers inputs and outputs loss then grad.<name>', () => {
    const { graph, gradients } = buildGradientGraph(twoLayer(), {
      loss: 'loss',
      trainable: ['w1', 'w2'],
    });
    expect(graph.outputs.map((o) => o.name)).toEqual(['loss', 'grad.w1', 'grad.w2']);
    expect(graph.inputs.map((i) => i.name)).toEqual(['x', 'w1', 'w2']);
    expect(graph.initializers.has('w1')).toBe(false);
    expect([...gradients.values()]).toEqual(['grad.w1', 'grad.w2']);
  });

  it('computes no backward for a frozen bottom layer', () => {
    const { graph } = buildGradientGraph(twoLayer(), { loss: 'loss', trainable: ['w2'] });
    const backward = graph.nodes.filter((n) => n.outputs.some((o) => o.startsWith('grad')));
    // the Tanh derivative and the dX/dW1 products are absent: nothing backward reads h1, w1 or x
    expect(backward.some((n) => n.inputs.some((i) => i === 'h1' || i === 'w1' || i === 'x'))).toBe(
      false,
    );
    expect(backward.filter((n) => ['MatMul', 'Gemm'].includes(n.opType))).toHaveLength(1);
  });

  it('leaves the input graph unchanged', () => {
    const g = twoLayer();
    const before = JSON.stringify({
      nodes: g.nodes,
      inputs: g.inputs,
      outputs: g.outputs,
      inits: [...g.initializers.keys()],
    });
    buildGradientGraph(g, { loss: 'loss', trainable: ['w1'] });
    expect(
      JSON.stringify({
        nodes: g.nodes,
        inputs: g.inputs,
        outputs: g.outputs,
        inits: [...g.initializers.keys()],
      }),
    ).toBe(before);
  });

  it('throws NO_GRADIENT_RULE naming the op and node', () => {
    const g = twoLayer();
    g.nodes[1] = { ...g.nodes[1]!, opType: 'Cos', name: 'layer1/act' };
    expect(() => buildGradientGraph(g, { loss: 'loss', trainable: ['w1'] })).toThrow(
      expect.objectContaining({
        code: 'NO_GRADIENT_RULE',
        message: expect.stringMatching(/op Cos \(node 'layer1\/act'\)/),
      }),
    );
    // frozen below the op: no rule needed
    expect(() => buildGradientGraph(g, { loss: 'loss', trainable: ['w2'] })).not.toThrow();
  });

  it('lifts opset 13-16 graphs to 17 and throws INVALID_INPUT before 13', () => {
    const g = twoLayer();
    g.opsetImports.set('', 14);
    expect(buildGradientGraph(g, { loss: 'loss', trainable: ['w1'] }).graph.opset).toBe(17);
    g.opsetImports.set('', 11);
    expect(() => buildGradientGraph(g, { loss: 'loss', trainable: ['w1'] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('opset 11'),
      }),
    );
  });

  it('throws UNKNOWN_VALUE for a missing loss or trainable name', () => {
    expect(() => buildGradientGraph(twoLayer(), { loss: 'nope', trainable: ['w1'] })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE' }),
    );
    expect(() => buildGradientGraph(twoLayer(), { loss: 'loss', trainable: ['w9'] })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE' }),
    );
  });

  it('throws INVALID_OPTION when the loss does not depend on the trainable tensors or types mix', () => {
    const g = twoLayer();
    g.addInitializer(randomTensor('unused', [2], rng(1)));
    expect(() => buildGradientGraph(g, { loss: 'loss', trainable: ['unused'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    g.addInitializer({ name: 'f32', type: 'float32', dims: [1], data: new Float32Array(1) });
    expect(() => buildGradientGraph(g, { loss: 'loss', trainable: ['w1', 'f32'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => buildGradientGraph(g, { loss: 'loss', trainable: [] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
