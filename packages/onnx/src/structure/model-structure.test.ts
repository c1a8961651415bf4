import { describe, expect, it } from 'vitest';
import { buildBert } from '../builder/build-bert';
import { buildGpt2 } from '../builder/build-gpt2';
import { Graph } from '../graph';
import { OnnxError } from '../errors';
import { addLora } from '../surgery/add-lora';
import { insertAdapters } from '../surgery/insert-adapters';
import { mapModelStructure } from './model-structure';

const BERT = { vocabSize: 40, hidden: 8, layers: 3, heads: 2, intermediate: 16, maxPositions: 16 };
const GPT2 = { vocabSize: 40, hidden: 8, layers: 2, heads: 2, maxPositions: 16 };

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof OnnxError ? e.code : String(e);
  }
  return undefined;
}

describe('mapModelStructure on builder graphs', () => {
  it('places every BERT parameter by part and layer and finds each layer’s sites', () => {
    const g = buildBert(BERT);
    const map = mapModelStructure(g);
    expect([map.family, map.prefix, map.numLayers, map.hiddenSize]).toEqual(['bert', '', 3, 8]);
    const parts = [...map.parameters.values()];
    // 5 embedding tensors, 16 per layer (6 Linear = 12 tensors + 2 LayerNorms = 4).
    expect(parts.filter((p) => p.part === 'embeddings')).toHaveLength(5);
    for (let i = 0; i < 3; i++) expect(parts.filter((p) => p.layer === i)).toHaveLength(16);
    expect(map.layerOf('embeddings.LayerNorm.bias')).toBe(0);
    expect(map.layerOf('encoder.layer.2.output.dense.weight')).toBe(3);
    // The builder stores nn.Linear weights as [in, out]: the transpose of PyTorch's layout.
    expect(map.parameters.get('encoder.layer.0.attention.self.query.weight')!.transposed).toBe(
      true,
    );
    expect(map.parameters.get('embeddings.word_embeddings.weight')!.transposed).toBe(false);
    const layer = map.layers[1]!;
    expect(layer.query).toBe('/encoder/layer.1/attention/self/query/MatMul');
    expect(layer.attentionProbabilities).toEqual([
      '/encoder/layer.1/attention/self/Softmax_output_0',
    ]);
  });

  it('puts GPT-2’s final LayerNorm with the last layer and keeps Conv1D weights untransposed', () => {
    const map = mapModelStructure(buildGpt2(GPT2));
    expect([map.family, map.prefix, map.numLayers]).toEqual(['gpt2', 'transformer.', 2]);
    expect(map.parameters.get('transformer.ln_f.weight')!.part).toBe('top');
    expect(map.layerOf('transformer.ln_f.weight')).toBe(2);
    expect(map.parameters.get('transformer.h.0.attn.c_attn.weight')!.transposed).toBe(false);
    expect(map.layers[0]!.query).toBe(map.layers[0]!.value); // fused c_attn
  });

  it('sends adapters and LoRA to the map’s sites, and places what they add', () => {
    const g = buildBert(BERT);
    const { graph: adapted } = insertAdapters(g, {
      bottleneck: 2,
      structure: mapModelStructure(g),
    });
    const map = mapModelStructure(adapted);
    expect(map.layerOf('encoder.layer.1.adapter.ffn.down.weight')).toBe(2);
    const { graph: lora } = addLora(g, {
      matMuls: mapModelStructure(g).layers.flatMap((l) => [l.query, l.value]),
      rank: 2,
    });
    expect(
      mapModelStructure(lora).layerOf('encoder.layer.0.attention.self.value.lora_B.weight'),
    ).toBe(1);
  });

  it('refuses a graph with no transformer layers', () => {
    const g = new Graph();
    g.inputs.push({ name: 'x', type: 'float32', shape: [1, 4] });
    g.addInitializer({
      name: 'classifier.weight',
      type: 'float32',
      dims: [4, 2],
      data: new Float32Array(8),
    });
    g.addNode('MatMul', ['x', 'classifier.weight'], ['y']);
    g.outputs.push({ name: 'y', type: 'float32', shape: [1, 2] });
    expect(code(() => mapModelStructure(g))).toBe('UNSUPPORTED_MODEL');
  });

  it('refuses a body parameter it cannot place instead of calling it head', () => {
    const g = buildBert(BERT);
    g.addInitializer({
      name: 'encoder.rel_embeddings.weight',
      type: 'float32',
      dims: [4, 8],
      data: new Float32Array(32),
    });
    expect(code(() => mapModelStructure(g))).toBe('UNPLACED_PARAMETER');
    expect(() => mapModelStructure(g)).toThrow(/encoder\.rel_embeddings\.weight/);
    const map = mapModelStructure(buildBert(BERT));
    expect(code(() => map.layerOf('classifier.weight'))).toBe('UNPLACED_PARAMETER');
  });
});
