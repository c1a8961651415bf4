import { describe, expect, it } from 'vitest';
import { graphFromModel, graphToModel } from '../graph';
import { readModel } from '../read-model';
import { writeModel } from '../write-model';
import { buildGpt2 } from './build-gpt2';
import { BUILDER_FIXTURES, TINY } from './builder-fixtures';
import { maxAbsDiff, readFixture, runGraph } from './testing';

interface Reference {
  inputs: Record<string, number[][]>;
  outputs: Record<string, { dims: number[]; data: number[] }>;
}

const fixture = BUILDER_FIXTURES.find((f) => f.name === 'gpt2-tiny')!;

describe('buildGpt2', () => {
  it('rebuilds the committed gpt2-tiny fixture byte for byte from its seed', () => {
    // A failure means the builder changed: rerun scripts/make-builder-fixtures.ts and the twin (see its header).
    expect(
      Buffer.from(writeModel(graphToModel(fixture.build()))).equals(readFixture('gpt2-tiny.onnx')),
    ).toBe(true);
  });

  it('matches its PyTorch twin (float64) within 1e-4 on a right-padded batch', async () => {
    const reference = JSON.parse(
      readFixture('gpt2-tiny.reference.json').toString('utf8'),
    ) as Reference;
    const out = await runGraph(
      graphFromModel(readModel(readFixture('gpt2-tiny.onnx'))),
      reference.inputs,
    );
    const expected = reference.outputs['logits']!;
    expect(out['logits']!.dims).toEqual([2, 8, TINY.vocabSize]);
    expect(out['logits']!.dims).toEqual(expected.dims);
    // float32 inference against a float64 reference; logits are O(0.1), so 1e-4 absolute is a tight bound.
    expect(maxAbsDiff(out['logits']!.data, expected.data)).toBeLessThan(1e-4);
  });

  it('is causal: changing a later token leaves earlier logits unchanged', async () => {
    const g = buildGpt2({ ...TINY, vocabSize: 50 }, { seed: 2 });
    const mask = [[1, 1, 1, 1, 1]];
    const a = await runGraph(g, { input_ids: [[1, 2, 3, 4, 5]], attention_mask: mask });
    const b = await runGraph(g, { input_ids: [[1, 2, 3, 9, 5]], attention_mask: mask });
    const first3 = 3 * 50;
    expect(
      maxAbsDiff(a['logits']!.data.subarray(0, first3), b['logits']!.data.subarray(0, first3)),
    ).toBe(0);
    expect(
      maxAbsDiff(a['logits']!.data.subarray(first3), b['logits']!.data.subarray(first3)),
    ).toBeGreaterThan(1e-4);
  });

  it('ties the LM head to the token embedding and scales residual projections by 1/√(2·layers)', () => {
    const g = buildGpt2({ ...TINY, hidden: 64, intermediate: 256 }, { seed: 5 });
    expect([...g.initializers.keys()].some((k) => k.startsWith('lm_head'))).toBe(false);
    const transpose = g.nodes.find((n) => n.name === '/lm_head/Transpose')!;
    expect(transpose.inputs).toEqual(['transformer.wte.weight']);
    const std = (name: string): number => {
      const w = g.initializers.get(name)!.data as Float32Array;
      return Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    };
    // 16,384 samples each: sample std within ~2% of the target.
    expect(std('transformer.h.0.mlp.c_proj.weight')).toBeCloseTo(0.02 / Math.sqrt(4), 3);
    expect(std('transformer.h.0.mlp.c_fc.weight')).toBeCloseTo(0.02, 3);
    expect(g.initializers.get('transformer.h.1.attn.c_attn.weight')!.dims).toEqual([64, 192]);
  });

  it('declares input_ids and attention_mask in, logits [batch, sequence, vocab] out', () => {
    const g = buildGpt2(TINY);
    expect(g.inputs.map((i) => i.name)).toEqual(['input_ids', 'attention_mask']);
    expect(g.outputs).toEqual([
      { name: 'logits', type: 'float32', shape: ['batch_size', 'sequence_length', TINY.vocabSize] },
    ]);
  });

  it('lmHead: false outputs the final hidden states; the LM logits are those states times wteᵀ', async () => {
    const config = { ...TINY, vocabSize: 50 };
    const feeds = {
      input_ids: [
        [3, 9, 4, 1],
        [7, 2, 2, 0],
      ],
      attention_mask: [
        [1, 1, 1, 1],
        [1, 1, 1, 0],
      ],
    };
    const body = buildGpt2(config, { seed: 4, lmHead: false });
    expect(body.outputs.map((o) => o.name)).toEqual(['last_hidden_state']);
    const hidden = (await runGraph(body, feeds))['last_hidden_state']!;
    const logits = (await runGraph(buildGpt2(config, { seed: 4 }), feeds))['logits']!;
    const wte = body.initializers.get('transformer.wte.weight')!.data as Float32Array;
    const H = config.hidden;
    const expected = Array.from({ length: logits.data.length }, (_, i) => {
      const [t, v] = [Math.floor(i / 50), i % 50];
      let s = 0;
      for (let j = 0; j < H; j++) s += hidden.data[t * H + j]! * wte[v * H + j]!;
      return s;
    });
    expect(maxAbsDiff(logits.data, expected)).toBeLessThan(1e-5);
  });

  it('rejects heads that do not divide hidden with INVALID_OPTION', () => {
    expect(() => buildGpt2({ ...TINY, heads: 5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
