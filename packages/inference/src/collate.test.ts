import { describe, expect, it } from 'vitest';
import { collate } from './collate';
import { mapModelIo } from './model-io';
import type { ModelRunner } from './types';

const names = (n: string[], type = 'int64'): { name: string; type: string; shape: string[] }[] =>
  n.map((name) => ({ name, type, shape: [] }));
const fake = (inputs: string[], type = 'int64'): ModelRunner => {
  const ins = names(inputs, type);
  const outs = names(['logits'], 'float32');
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

  it('gives type ids 0 to rows without them, and builds only the inputs the model declares', () => {
    const m = fake(['input_ids', 'token_type_ids']);
    const { feeds } = collate(m, [{ ids: [4, 5] }, { ids: [6], typeIds: [1] }], { padTokenId: 0 });
    expect(Object.keys(feeds)).toEqual(['input_ids', 'token_type_ids']);
    expect([...(feeds['token_type_ids']!.data as BigInt64Array)]).toEqual([0n, 0n, 1n, 0n]);
  });

  it('writes int32 tensors for a model that declares int32 inputs', () => {
    const m = fake(['input_ids', 'attention_mask', 'position_ids'], 'int32');
    const { feeds } = collate(m, [{ ids: [7, 8] }, { ids: [9] }], { padTokenId: -2 });
    const ids = feeds['input_ids']!;
    expect(ids.type).toBe('int32');
    expect(ids.data).toBeInstanceOf(Int32Array);
    expect([...ids.data]).toEqual([7, 8, 9, -2]);
    expect([...feeds['attention_mask']!.data]).toEqual([1, 1, 1, 0]);
    expect([...feeds['position_ids']!.data]).toEqual([0, 1, 0, 1]);
  });

  it('keeps int64 values equal to BigInt(value) across the 32-bit range', () => {
    const m = fake(['input_ids']);
    const values = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 30521, -100];
    const { feeds } = collate(m, [{ ids: values }], { padTokenId: 0 });
    expect([...(feeds['input_ids']!.data as BigInt64Array)]).toEqual(values.map((v) => BigInt(v)));
  });

  it('VOCAB_TOO_LARGE for an id or pad id that is not a 32-bit integer', () => {
    const m = fake(['input_ids']);
    for (const bad of [2 ** 31, -(2 ** 31) - 1, 1.5, Number.NaN]) {
      expect(() => collate(m, [{ ids: [1, bad] }], { padTokenId: 0 })).toThrow(
        expect.objectContaining({ code: 'VOCAB_TOO_LARGE' }),
      );
    }
    expect(() => collate(m, [{ ids: [1] }], { padTokenId: 2 ** 40 })).toThrow(
      expect.objectContaining({ code: 'VOCAB_TOO_LARGE' }),
    );
  });

  it('INVALID_OPTION for type ids of another length than the ids, EMPTY_INPUT for no rows', () => {
    const m = fake(['input_ids', 'token_type_ids']);
    expect(() => collate(m, [{ ids: [1, 2], typeIds: [0] }], { padTokenId: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => collate(m, [], { padTokenId: 0 })).toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }),
    );
  });
});
