import { describe, expect, it } from 'vitest';
import { collate } from './collate';
import { mapModelIo } from './model-io';
import type { ModelRunner } from './types';

const names = (...n: string[]): { name: string; type: string; shape: string[] }[] =>
  n.map((name) => ({ name, type: 'int64', shape: [] }));
const fake = (inputs: string[]): ModelRunner => {
  const ins = names(...inputs);
  const outs = names('logits');
  return {
    inputs: ins,
    outputs: outs,
    io: mapModelIo(ins, outs),
    config: undefined,
    provider: 'cpu',
    run: () => Promise.resolve({}),
  };
};

describe('collate', () => {
  it('right-pads ids, mask, type ids and positions into int64 tensors named by the model', () => {
    const m = fake(['input_ids', 'attention_mask', 'token_type_ids', 'position_ids']);
    const { feeds, lengths, seqLen } = collate(
      m,
      [{ ids: [2, 7, 3], typeIds: [0, 0, 1] }, { ids: [2, 3] }],
      { padTokenId: 9 },
    );
    expect(seqLen).toBe(3);
    expect(lengths).toEqual([3, 2]);
    expect([...(feeds['input_ids']!.data as BigInt64Array)]).toEqual([2n, 7n, 3n, 2n, 3n, 9n]);
    expect([...(feeds['attention_mask']!.data as BigInt64Array)]).toEqual([1n, 1n, 1n, 1n, 1n, 0n]);
    expect([...(feeds['token_type_ids']!.data as BigInt64Array)]).toEqual([0n, 0n, 1n, 0n, 0n, 0n]);
    expect([...(feeds['position_ids']!.data as BigInt64Array)]).toEqual([0n, 1n, 2n, 0n, 1n, 1n]);
    expect(feeds['input_ids']!.dims).toEqual([2, 3]);
  });

  it('left-pads with positions counting real tokens (HF generate), and writes large and negative ids exactly', () => {
    const m = fake(['input_ids', 'attention_mask', 'position_ids']);
    const { feeds, starts } = collate(m, [{ ids: [50256, 2 ** 31 - 1] }, { ids: [5] }], {
      padTokenId: -1,
      side: 'left',
    });
    expect(starts).toEqual([0, 1]);
    expect([...(feeds['input_ids']!.data as BigInt64Array)]).toEqual([
      50256n,
      2147483647n,
      -1n,
      5n,
    ]);
    expect([...(feeds['attention_mask']!.data as BigInt64Array)]).toEqual([1n, 1n, 0n, 1n]);
    expect([...(feeds['position_ids']!.data as BigInt64Array)]).toEqual([0n, 1n, 1n, 0n]);
    expect(feeds['token_type_ids']).toBeUndefined();
  });
});
