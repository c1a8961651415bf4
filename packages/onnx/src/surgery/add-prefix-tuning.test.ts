import { describe, expect, it } from 'vitest';
import { graphFromModel, graphToModel } from '../graph';
import { readModel } from '../read-model';
import { writeModel } from '../write-model';
import { buildBert } from '../builder/build-bert';
import { buildGpt2 } from '../builder/build-gpt2';
import { BUILDER_FIXTURES } from '../builder/builder-fixtures';
import { GraphBuilder } from '../builder/graph-builder';
import { maxAbsDiff, readFixture, runGraph } from '../builder/testing';
import { addPrefixTuning } from './add-prefix-tuning';

const CONFIG = {
  vocabSize: 100,
  hidden: 16,
  layers: 2,
  heads: 2,
  intermediate: 32,
  maxPositions: 16,
};
const IDS = [
  [1, 5, 7, 9, 0],
  [1, 4, 8, 2, 6],
];
const MASK = [
  [1, 1, 1, 1, 0],
  [1, 1, 1, 1, 1],
];

interface Reference {
  inputs: Record<string, number[][]>;
  outputs: Record<string, { dims: number[]; data: number[] }>;
}

describe('addPrefixTuning', () => {
  it('adds prefix_key and prefix_value [heads, P, headDim] per attention layer', () => {
    const { graph, prefixes } = addPrefixTuning(buildBert(CONFIG), { prefixLength: 5 });
    expect(prefixes.map((p) => p.key)).toEqual([
      'encoder.layer.0.attention.self.prefix_key',
      'encoder.layer.1.attention.self.prefix_key',
    ]);
    expect(graph.initializers.get('encoder.layer.1.attention.self.prefix_value')!.dims).toEqual([
      2, 5, 8,
    ]);
  });

  it('with zero-length prefixes is the identity (BERT and GPT-2)', async () => {
    const bert = buildBert(CONFIG, { seed: 1 });
    const gpt2 = buildGpt2(CONFIG, { seed: 1 });
    const bertFeeds = {
      input_ids: IDS,
      attention_mask: MASK,
      token_type_ids: IDS.map((r) => r.map(() => 0)),
    };
    const gptFeeds = { input_ids: IDS, attention_mask: MASK };
    const [b0, b1, g0, g1] = await Promise.all([
      runGraph(bert, bertFeeds),
      runGraph(addPrefixTuning(bert, { prefixLength: 0 }).graph, bertFeeds),
      runGraph(gpt2, gptFeeds),
      runGraph(addPrefixTuning(gpt2, { prefixLength: 0 }).graph, gptFeeds),
    ]);
    expect(maxAbsDiff(b1['last_hidden_state']!.data, b0['last_hidden_state']!.data)).toBeLessThan(
      1e-6,
    );
    expect(maxAbsDiff(g1['logits']!.data, g0['logits']!.data)).toBeLessThan(1e-6);
  });

  it.each(['bert-tiny-prefix', 'gpt2-tiny-prefix'])(
    '%s matches its PyTorch twin within 1e-4 on a padded batch',
    async (name) => {
      const fixture = BUILDER_FIXTURES.find((f) => f.name === name)!;
      // A failure here means the builder or surgery changed: regenerate the fixtures (scripts/make-builder-fixtures.ts).
      expect(
        Buffer.from(writeModel(graphToModel(fixture.build()))).equals(readFixture(`${name}.onnx`)),
      ).toBe(true);
      const reference = JSON.parse(
        readFixture(`${name}.reference.json`).toString('utf8'),
      ) as Reference;
      const out = await runGraph(
        graphFromModel(readModel(readFixture(`${name}.onnx`))),
        reference.inputs,
      );
      const key = name.startsWith('bert') ? 'last_hidden_state' : 'logits';
      const unprefixed = JSON.parse(
        readFixture(`${name.replace('-prefix', '')}.reference.json`).toString('utf8'),
      ) as Reference;
      // The prefixes matter (so this test cannot pass by ignoring them) …
      expect(maxAbsDiff(out[key]!.data, unprefixed.outputs[key]!.data)).toBeGreaterThan(1e-3);
      // … and float32 onnxruntime agrees with the float64 twin.
      expect(maxAbsDiff(out[key]!.data, reference.outputs[key]!.data)).toBeLessThan(1e-4);
    },
  );

  it('rejects a graph without builder attention with UNKNOWN_NODE and a negative length with INVALID_OPTION', () => {
    const b = new GraphBuilder();
    b.output(b.op1('Relu', [b.input('x', 'float32', [2, 4])]), 'y');
    expect(() => addPrefixTuning(b.graph, { prefixLength: 2 })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_NODE' }),
    );
    expect(() => addPrefixTuning(buildBert(CONFIG), { prefixLength: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
