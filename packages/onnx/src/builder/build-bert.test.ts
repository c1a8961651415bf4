import { describe, expect, it } from 'vitest';
import { graphFromModel, graphToModel } from '../graph';
import { readModel } from '../read-model';
import { writeModel } from '../write-model';
import { buildBert } from './build-bert';
import { BUILDER_FIXTURES, TINY } from './builder-fixtures';
import { maxAbsDiff, readFixture, runGraph } from './testing';

interface Reference {
  inputs: Record<string, number[][]>;
  outputs: Record<string, { dims: number[]; data: number[] }>;
}

const fixture = BUILDER_FIXTURES.find((f) => f.name === 'bert-tiny')!;

describe('buildBert', () => {
  it('rebuilds the committed bert-tiny fixture byte for byte from its seed', () => {
    // A failure means the builder changed: rerun scripts/make-builder-fixtures.ts and the twin (see its header).
    expect(
      Buffer.from(writeModel(graphToModel(fixture.build()))).equals(readFixture('bert-tiny.onnx')),
    ).toBe(true);
  });

  it('matches its PyTorch twin (float64) within 1e-4 on a padded batch', async () => {
    const reference = JSON.parse(
      readFixture('bert-tiny.reference.json').toString('utf8'),
    ) as Reference;
    const graph = graphFromModel(readModel(readFixture('bert-tiny.onnx')));
    const out = await runGraph(graph, reference.inputs);
    const expected = reference.outputs['last_hidden_state']!;
    expect(out['last_hidden_state']!.dims).toEqual(expected.dims);
    // float32 inference against a float64 reference: 1e-4 absolute on LayerNorm-scaled (≈ unit) values.
    expect(maxAbsDiff(out['last_hidden_state']!.data, expected.data)).toBeLessThan(1e-4);
  });

  it('declares HF/optimum input and output names with symbolic batch and sequence dims', () => {
    const g = buildBert(TINY);
    expect(g.inputs.map((i) => [i.name, i.type, i.shape])).toEqual([
      ['input_ids', 'int64', ['batch_size', 'sequence_length']],
      ['attention_mask', 'int64', ['batch_size', 'sequence_length']],
      ['token_type_ids', 'int64', ['batch_size', 'sequence_length']],
    ]);
    expect(g.outputs.map((o) => [o.name, o.type, o.shape])).toEqual([
      ['last_hidden_state', 'float32', ['batch_size', 'sequence_length', 32]],
    ]);
    expect(g.opset).toBe(17);
  });

  it('initialises weights ~ N(0, 0.02²), biases 0 and LayerNorm gamma 1, differently per seed', () => {
    const g = buildBert({ ...TINY, vocabSize: 5000, hidden: 64, heads: 4 }, { seed: 3 });
    const w = g.initializers.get('embeddings.word_embeddings.weight')!.data as Float32Array;
    let sum = 0;
    let sq = 0;
    for (const v of w) {
      sum += v;
      sq += v * v;
    }
    const mean = sum / w.length;
    const std = Math.sqrt(sq / w.length - mean * mean);
    // 320,000 samples: the sample std of N(0, 0.02²) is within 0.5% of 0.02 and the mean within 1e-4 of 0.
    expect(Math.abs(mean)).toBeLessThan(1e-4);
    expect(Math.abs(std - 0.02)).toBeLessThan(1e-4);
    expect(
      [
        ...(g.initializers.get('encoder.layer.0.attention.self.query.bias')!.data as Float32Array),
      ].every((v) => v === 0),
    ).toBe(true);
    expect(
      [
        ...(g.initializers.get('encoder.layer.1.output.LayerNorm.weight')!.data as Float32Array),
      ].every((v) => v === 1),
    ).toBe(true);
    const other = buildBert({ ...TINY, vocabSize: 5000, hidden: 64, heads: 4 }, { seed: 4 });
    expect(other.initializers.get('embeddings.word_embeddings.weight')!.data).not.toEqual(w);
  });

  it('names parameters as Hugging Face state-dict keys, with dense weights [in, out]', () => {
    const g = buildBert(TINY);
    expect(g.initializers.get('encoder.layer.1.intermediate.dense.weight')!.dims).toEqual([32, 64]);
    expect(g.initializers.get('encoder.layer.1.output.dense.weight')!.dims).toEqual([64, 32]);
    expect(g.initializers.get('embeddings.token_type_embeddings.weight')!.dims).toEqual([2, 32]);
    // 5 tables/LN + 16 per layer.
    expect(g.initializers.size).toBe(5 + 16 * TINY.layers);
  });

  it.each([
    [{ ...TINY, hidden: 30 }, 'divisible'],
    [{ ...TINY, layers: 0 }, 'config.layers'],
    [{ ...TINY, vocabSize: 2.5 }, 'config.vocabSize'],
    [{ ...TINY, hiddenDropout: 1 }, 'config.hiddenDropout'],
    [{ ...TINY, intermediate: undefined as unknown as number }, 'config.intermediate'],
  ])('rejects a bad config with INVALID_OPTION (%#)', (config, message) => {
    expect(() => buildBert(config)).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining(message) as string,
      }),
    );
  });
});
