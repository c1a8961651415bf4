import { describe, expect, it } from 'vitest';
import { buildBert } from '../builder/build-bert';
import { buildGpt2 } from '../builder/build-gpt2';
import { maxAbsDiff, runGraph } from '../builder/testing';
import { mapModelStructure } from '../structure/model-structure';
import { addPrefixTuning } from './add-prefix-tuning';

const BERT = {
  vocabSize: 100,
  hidden: 16,
  layers: 2,
  heads: 2,
  intermediate: 32,
  maxPositions: 16,
};
const GPT2 = { vocabSize: 100, hidden: 16, layers: 2, heads: 2, maxPositions: 16 };
const FEEDS = {
  input_ids: [
    [1, 5, 7, 9, 0],
    [1, 4, 8, 2, 6],
  ],
  attention_mask: [
    [1, 1, 1, 1, 0],
    [1, 1, 1, 1, 1],
  ],
};

describe('addPrefixTuning from a structural map', () => {
  it.each([
    [
      'BERT',
      () => buildBert(BERT),
      { ...FEEDS, token_type_ids: FEEDS.input_ids.map((r) => r.map(() => 0)) },
    ],
    ['GPT-2', () => buildGpt2(GPT2), FEEDS],
  ] as const)(
    'computes what the builder-site implementation computes on a %s graph, given the same prefixes',
    async (_, build, feeds) => {
      const g = build();
      const { graph: byNames, prefixes: ours } = addPrefixTuning(g, {
        prefixLength: 3,
        std: 0.5,
        seed: 4,
      });
      const { graph: byMap, prefixes } = addPrefixTuning(g, {
        prefixLength: 3,
        structure: mapModelStructure(g),
        heads: 2,
      });
      expect(prefixes.map((p) => p.key)).toEqual(
        g.initializers.has('transformer.wte.weight')
          ? ['transformer.h.0.attention_prefix.key', 'transformer.h.1.attention_prefix.key']
          : ['encoder.layer.0.attention_prefix.key', 'encoder.layer.1.attention_prefix.key'],
      );
      ours.forEach((p, i) => {
        for (const [from, to] of [
          [p.key, prefixes[i]!.key],
          [p.value, prefixes[i]!.value],
        ] as const)
          byMap.initializers.set(to, { ...byNames.initializers.get(from)!, name: to });
      });
      const out = Object.keys(await runGraph(g, feeds))[0]!;
      const a = (await runGraph(byNames, feeds))[out]!;
      const b = (await runGraph(byMap, feeds))[out]!;
      expect(b.dims).toEqual(a.dims);
      expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-5);
      // …and the prefixes matter: the plain model differs.
      expect(maxAbsDiff((await runGraph(g, feeds))[out]!.data, b.data)).toBeGreaterThan(1e-3);
    },
  );

  it('needs the head count with a structure', () => {
    const g = buildBert(BERT);
    expect(() => addPrefixTuning(g, { prefixLength: 2, structure: mapModelStructure(g) })).toThrow(
      /heads/,
    );
    expect(() =>
      addPrefixTuning(g, { prefixLength: 2, structure: mapModelStructure(g), heads: 3 }),
    ).toThrow(/divide/);
  });
});
