import { Graph, buildBert, buildGpt2 } from '@nlpft/onnx';
import { describe, expect, it } from 'vitest';
import { isNoDecayParameter, noDecayInGraph, weightDecayGroups } from './param-groups';
import { hfNoDecayName, structuralNoDecayParameters } from './param-groups-graph';

const floatParams = (g: Graph) =>
  [...g.initializers.values()].filter((t) => t.type === 'float32').map((t) => t.name);
const init = (g: Graph, name: string, dims: number[]) =>
  g.addInitializer({
    name,
    type: 'float32',
    dims,
    data: new Float32Array(dims.reduce((a, b) => a * b, 1)),
  });

describe('structuralNoDecayParameters', () => {
  it('on buildBert finds exactly the biases and LayerNorm weights (the HF Trainer set)', () => {
    const g = buildBert(
      { vocabSize: 50, hidden: 8, layers: 2, heads: 2, intermediate: 16, maxPositions: 16 },
      { seed: 1 },
    );
    const names = floatParams(g);
    const s = structuralNoDecayParameters(g);
    // HF: nn.LayerNorm modules by type, plus names containing "bias".
    expect(names.filter((n) => s.has(n))).toEqual(
      names.filter((n) => n.endsWith('.bias') || n.includes('LayerNorm')),
    );
    expect(s.has('encoder.layer.1.attention.self.query.weight')).toBe(false);
    expect(s.has('embeddings.word_embeddings.weight')).toBe(false);
  });

  it('on buildGpt2 finds the ln_1 / ln_2 / ln_f weights and the Conv1D biases', () => {
    const g = buildGpt2(
      { vocabSize: 50, hidden: 8, layers: 1, heads: 2, maxPositions: 16 },
      { seed: 1 },
    );
    const names = floatParams(g);
    const s = structuralNoDecayParameters(g);
    expect(names.filter((n) => s.has(n))).toEqual(
      names.filter((n) => n.endsWith('.bias') || /\.ln_(1|2|f)\./.test(n)),
    );
  });

  it('decides by use, not name: pre_layrnorm, spelled-out LayerNorm and RMSNorm, Gemm C, Conv B', () => {
    const g = new Graph();
    g.inputs.push({ name: 'x', type: 'float32', shape: ['batch', 4] });
    init(g, 'vision_model.pre_layrnorm.weight', [4]);
    init(g, 'vision_model.pre_layrnorm.bias', [4]);
    g.addNode(
      'LayerNormalization',
      ['x', 'vision_model.pre_layrnorm.weight', 'vision_model.pre_layrnorm.bias'],
      ['h0'],
    );
    // LayerNorm as older exporters write it: (x − mean) / sqrt(var + eps) · gamma + beta.
    init(g, 'eps', []);
    init(g, 'enc.gamma', [4]);
    init(g, 'enc.beta', [4]);
    g.addNode('ReduceMean', ['h0'], ['mu']);
    g.addNode('Sub', ['h0', 'mu'], ['xc']);
    g.addNode('Mul', ['xc', 'xc'], ['sq']);
    g.addNode('ReduceMean', ['sq'], ['var']);
    g.addNode('Add', ['var', 'eps'], ['ve']);
    g.addNode('Sqrt', ['ve'], ['sd']);
    g.addNode('Div', ['xc', 'sd'], ['xn']);
    g.addNode('Mul', ['xn', 'enc.gamma'], ['xs']);
    g.addNode('Add', ['xs', 'enc.beta'], ['h1']);
    // RMSNorm (LLaMA): x · reciprocal(sqrt(mean(x²) + eps)) · weight.
    init(g, 'llm.scale', [4]);
    g.addNode('Mul', ['h1', 'h1'], ['r2']);
    g.addNode('ReduceMean', ['r2'], ['rm']);
    g.addNode('Add', ['rm', 'eps'], ['rme']);
    g.addNode('Sqrt', ['rme'], ['rs']);
    g.addNode('Reciprocal', ['rs'], ['rr']);
    g.addNode('Mul', ['h1', 'rr'], ['hn']);
    g.addNode('Mul', ['llm.scale', 'hn'], ['h2']);
    // Gemm with C, MatMul + bias through an Unsqueeze, a 2-D additive table (decays), a Conv with B.
    init(g, 'fc.w', [4, 4]);
    init(g, 'fc.c', [4]);
    g.addNode('Gemm', ['h2', 'fc.w', 'fc.c'], ['h3']);
    init(g, 'proj.w', [4, 4]);
    init(g, 'proj.b', [4]);
    g.addNode('MatMul', ['h3', 'proj.w'], ['h4']);
    g.addNode('Unsqueeze', ['proj.b'], ['pb']);
    g.addNode('Add', ['h4', 'pb'], ['h5']);
    init(g, 'position_table', [1, 4]);
    g.addNode('Add', ['h5', 'position_table'], ['h6']);
    init(g, 'conv.weight', [2, 1, 1]);
    init(g, 'conv.offset', [2]);
    g.addNode('Conv', ['h6', 'conv.weight', 'conv.offset'], ['y']);
    const s = structuralNoDecayParameters(g);
    expect([...s].sort()).toEqual(
      [
        'conv.offset',
        'enc.beta',
        'enc.gamma',
        'fc.c',
        'llm.scale',
        'proj.b',
        'vision_model.pre_layrnorm.bias',
        'vision_model.pre_layrnorm.weight',
      ].sort(),
    );
    // The name rule gets pre_layrnorm.weight wrong; with the graph it is exempt, as in HF.
    expect(isNoDecayParameter('vision_model.pre_layrnorm.weight')).toBe(false);
    const groups = weightDecayGroups(
      ['vision_model.pre_layrnorm.weight', 'fc.w', 'not.in.graph.bias'],
      {
        weightDecay: 0.01,
        graph: g,
      },
    );
    expect(groups).toEqual([
      { params: ['fc.w'], weightDecay: 0.01 },
      { params: ['vision_model.pre_layrnorm.weight', 'not.in.graph.bias'], weightDecay: 0 },
    ]);
    // HF's name patterns still apply on a graph (a BatchNorm-free 'bias' table is exempt by name).
    expect(noDecayInGraph(g)('position_table')).toBe(false);
    expect(hfNoDecayName('relative_attention_bias.weight')).toBe(true);
    expect(hfNoDecayName('model.norm.weight')).toBe(true);
    expect(hfNoDecayName('transformer.h.0.ln_1.weight')).toBe(false);
  });
});
