import { describe, expect, it } from 'vitest';
import { buildBert } from '../builder/build-bert';
import type { Graph } from '../graph';
import type { OnnxError } from '../errors';
import { insertDropout } from './insert-dropout';
import { mapModelStructure } from './model-structure';
import { restoreTrainableLayout } from './restore-layout';

const Q = 'encoder.layer.0.attention.self.query.weight';
const LN = 'encoder.layer.0.output.LayerNorm.bias';

/** A builder BERT made to look like PyTorch's export: one folded weight, one Identity-merged tensor. */
function exported(): Graph {
  const g = buildBert({
    vocabSize: 20,
    hidden: 4,
    layers: 1,
    heads: 1,
    intermediate: 8,
    maxPositions: 8,
  });
  // The builder stores query.weight as [in, out], which is what PyTorch's constant folding stores.
  const q = g.initializers.get(Q)!;
  g.initializers.delete(Q);
  g.addInitializer({ ...q, name: 'onnx::MatMul_7' });
  for (const n of g.nodes) n.inputs = n.inputs.map((i) => (i === Q ? 'onnx::MatMul_7' : i));
  // Equal tensors are merged: the layer's LayerNorm bias becomes an Identity of the embeddings' one.
  g.initializers.delete(LN);
  g.nodes.unshift({
    name: 'Identity_0',
    opType: 'Identity',
    domain: '',
    inputs: ['embeddings.LayerNorm.bias'],
    outputs: [LN],
    attributes: {},
  });
  return g;
}

describe('restoreTrainableLayout', () => {
  it('turns a folded weight into the state-dict tensor [out, in] behind a Transpose', () => {
    const g = restoreTrainableLayout(exported());
    const folded = exported().initializers.get('onnx::MatMul_7')!.data as Float32Array;
    const w = g.initializers.get(Q)!;
    expect(w.dims).toEqual([4, 4]);
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++)
        expect((w.data as Float32Array)[j * 4 + i]).toBe(folded[i * 4 + j]);
    expect(g.initializers.has('onnx::MatMul_7')).toBe(false);
    expect(g.nodes.some((n) => n.opType === 'Transpose' && n.inputs[0] === Q)).toBe(true);
  });

  it('splits tensors the exporter merged through an Identity', () => {
    const g = restoreTrainableLayout(exported());
    expect(g.nodes.some((n) => n.opType === 'Identity')).toBe(false);
    const a = g.initializers.get(LN)!;
    const b = g.initializers.get('embeddings.LayerNorm.bias')!;
    expect(a.data).not.toBe(b.data); // own storage: training one leaves the other
    expect(Array.from(a.data as Float32Array)).toEqual(Array.from(b.data as Float32Array));
    expect(mapModelStructure(g).layerOf(LN)).toBe(1);
  });

  it('leaves the input unchanged', () => {
    const before = exported();
    restoreTrainableLayout(before);
    expect(before.initializers.has('onnx::MatMul_7')).toBe(true);
  });
});

describe('insertDropout', () => {
  it('rejects rates outside [0, 1) and head keys the map lacks', () => {
    const g = buildBert({
      vocabSize: 20,
      hidden: 4,
      layers: 1,
      heads: 1,
      intermediate: 8,
      maxPositions: 8,
    });
    const map = mapModelStructure(g);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as OnnxError).code;
      }
      return undefined;
    };
    expect(code(() => insertDropout(g.clone(), map, { embeddings: 1 }))).toBe('INVALID_OPTION');
    expect(code(() => insertDropout(g.clone(), map, { head: { 'classifier.weight': 0.1 } }))).toBe(
      'INVALID_OPTION',
    );
    expect(insertDropout(g.clone(), map, { embeddings: 0 })).toBe(0);
  });
});
