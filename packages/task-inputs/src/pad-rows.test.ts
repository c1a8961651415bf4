import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskInputError } from './errors';
import { assertHostile, listOf, mostly, optionsOf } from './hostile.test-helper';
import { padRows } from './pad-rows';

const values = (t: { data: ArrayLike<number | bigint> } | undefined): number[] =>
  Array.from(t!.data, Number);

describe('padRows', () => {
  it('pads right to the longest row with int64 ids and mask by default', () => {
    const out = padRows([{ ids: [5, 6, 7] }, { ids: [8] }]);
    expect(out.inputIds.type).toBe('int64');
    expect(out.inputIds.data).toBeInstanceOf(BigInt64Array);
    expect(out.inputIds.dims).toEqual([2, 3]);
    expect(values(out.inputIds)).toEqual([5, 6, 7, 8, 0, 0]);
    expect(values(out.attentionMask)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(out.tokenTypeIds).toBeUndefined();
    expect(out.positionIds).toBeUndefined();
    expect(out.starts).toEqual([0, 0]);
  });

  it('pads left with padId, gives each tensor its own type, and counts positions over real tokens', () => {
    const out = padRows([{ ids: [5, 6, 7], typeIds: [0, 1, 1] }, { ids: [8] }], {
      padId: -1,
      paddingSide: 'left',
      length: 4,
      tensors: {
        inputIds: 'int32',
        attentionMask: 'int64',
        tokenTypeIds: 'int64',
        positionIds: 'int32',
      },
    });
    expect(out.inputIds.data).toBeInstanceOf(Int32Array);
    expect(values(out.inputIds)).toEqual([-1, 5, 6, 7, -1, -1, -1, 8]);
    expect(out.attentionMask!.data).toBeInstanceOf(BigInt64Array);
    expect(values(out.attentionMask)).toEqual([0, 1, 1, 1, 0, 0, 0, 1]);
    expect(values(out.tokenTypeIds)).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    // Padding positions are 1, as Hugging Face's generate fills them.
    expect(values(out.positionIds)).toEqual([1, 0, 1, 2, 1, 1, 1, 0]);
    expect(out.starts).toEqual([1, 3]);
  });

  it('writes the rows own attention mask and keeps negative and 32-bit extreme values exact in int64', () => {
    const out = padRows(
      [{ ids: [-100, 2147483647, -2147483648], attentionMask: [1, 0, 1] }, { ids: [] }],
      { padId: -2147483648 },
    );
    expect([...out.inputIds.data]).toEqual([
      -100n,
      2147483647n,
      -2147483648n,
      ...Array(3).fill(-2147483648n),
    ]);
    expect(values(out.attentionMask)).toEqual([1, 0, 1, 0, 0, 0]);
  });

  it('builds [0, length] tensors for no rows', () => {
    expect(padRows([], { length: 3 }).inputIds.dims).toEqual([0, 3]);
  });

  it('reads a row mask or type ids only when their tensor is built', () => {
    const rows = [{ ids: [1, 2], typeIds: [0] }];
    expect(values(padRows(rows).inputIds)).toEqual([1, 2]);
    expect(() => padRows(rows, { tensors: { inputIds: 'int64', tokenTypeIds: 'int64' } })).toThrow(
      /rows\[0\]\.typeIds has 1 entries for 2 ids/,
    );
  });

  it('throws typed errors for rows longer than length, non-32-bit values and bad options', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof TaskInputError ? e.code : 'untyped';
      }
      return undefined;
    };
    expect(code(() => padRows([{ ids: [1, 2, 3] }], { length: 2 }))).toBe('INCONSISTENT_SHAPES');
    expect(code(() => padRows([{ ids: [2 ** 31] }]))).toBe('INVALID_OPTION');
    expect(code(() => padRows([{ ids: [1.5] }]))).toBe('INVALID_OPTION');
    expect(code(() => padRows([{ ids: [1] }], { padId: 0.5 }))).toBe('INVALID_OPTION');
    expect(code(() => padRows([{ ids: [1] }], { length: -1 }))).toBe('INVALID_OPTION');
    expect(code(() => padRows([{ ids: [1] }], { length: 2 ** 20 + 1 }))).toBe('INVALID_OPTION');
    expect(
      code(() => padRows([{ ids: [1] }], { paddingSide: 'middle' as unknown as 'left' })),
    ).toBe('INVALID_OPTION');
    expect(
      code(() =>
        padRows([{ ids: [1] }], { tensors: { inputIds: 'float32' as unknown as 'int32' } }),
      ),
    ).toBe('INVALID_OPTION');
    expect(code(() => padRows([{ ids: 'abc' } as unknown as { ids: number[] }]))).toBe(
      'INVALID_INPUT',
    );
  });

  it('answers hostile input with a result or a TaskInputError', () => {
    const ids = fc.array(mostly(fc.integer({ min: -5, max: 30_000 })), { maxLength: 20 });
    const int = fc.oneof(fc.integer({ min: -1, max: 40 }), fc.constantFrom(2 ** 20 + 1, 1e9, 0.5));
    const type = fc.constantFrom('int64', 'int32', 'float32', undefined);
    assertHostile(
      padRows as (...a: unknown[]) => unknown,
      fc.tuple(
        listOf(fc.record({ ids, attentionMask: mostly(ids), typeIds: mostly(ids) }), 4),
        optionsOf({
          length: int,
          padId: int,
          paddingSide: fc.constantFrom('left', 'right', 'middle'),
          tensors: mostly(
            fc.record({
              inputIds: type,
              attentionMask: type,
              tokenTypeIds: type,
              positionIds: type,
            }),
          ),
        }),
      ),
      { numRuns: 200 },
    );
  });
});
