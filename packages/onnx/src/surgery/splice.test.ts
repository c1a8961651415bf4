import { describe, expect, it } from 'vitest';
import { buildGpt2 } from '../builder/build-gpt2';
import { GraphBuilder } from '../builder/graph-builder';
import { SeededRandom } from '../builder/seeded-random';
import { maxAbsDiff, runGraph } from '../builder/testing';
import { sortNodes, splice } from './splice';

describe('sortNodes', () => {
  it('restores a topological order from a shuffled node list', async () => {
    const g = buildGpt2(
      { vocabSize: 50, hidden: 8, layers: 2, heads: 2, maxPositions: 8 },
      { seed: 1 },
    );
    const shuffled = g.clone();
    const random = new SeededRandom(3);
    for (let i = shuffled.nodes.length - 1; i > 0; i--) {
      const j = Math.floor(random.uniform() * (i + 1));
      [shuffled.nodes[i], shuffled.nodes[j]] = [shuffled.nodes[j]!, shuffled.nodes[i]!];
    }
    sortNodes(shuffled);
    const seen = new Set<string>([
      ...shuffled.inputs.map((i) => i.name),
      ...shuffled.initializers.keys(),
      '',
    ]);
    for (const n of shuffled.nodes) {
      expect(n.inputs.every((i) => seen.has(i))).toBe(true);
      n.outputs.forEach((o) => seen.add(o));
    }
    const feeds = { input_ids: [[1, 2, 3]], attention_mask: [[1, 1, 1]] };
    const [a, b] = await Promise.all([runGraph(g, feeds), runGraph(shuffled, feeds)]);
    expect(maxAbsDiff(a['logits']!.data, b['logits']!.data)).toBe(0);
  });

  it('rejects a cycle with INVALID_INPUT', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2]);
    const y = b.op1('Relu', [x]);
    b.graph.nodes[0]!.inputs = [b.op1('Neg', [y]).name];
    expect(() => sortNodes(b.graph)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('splice', () => {
  it('rewires consumers of a graph input and rejects unknown names with UNKNOWN_VALUE', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2]);
    b.output(b.op1('Relu', [x]), 'y');
    const { source, target } = splice(b.graph, 'x', 'test');
    expect(source).toBe('x');
    expect(b.graph.nodes[0]!.inputs).toEqual([target]);
    expect(() => splice(b.graph, 'nope', 'test')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE' }),
    );
  });
});
