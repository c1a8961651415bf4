import { readFixtureTokenizer } from '@nlpft/test-utils';
import tokenizers from 'tokenizers';
import { describe, expect, it } from 'vitest';
import { collateBatch, collateMultipleChoice } from './collate-batch';
import { encodeInputsBatch } from './encode-inputs';
import { gptMultipleChoice } from './gpt-task-inputs';
import { hfTokenizerLike } from './hf-adapter.test-helper';
import { inlineTokenizer } from './inline-tokenizer.test-helper';
import { bertTemplate } from './pair-template';

const big = (xs: readonly number[]): bigint[] => xs.map((x) => BigInt(x));

describe('collateBatch', () => {
  it('gives the padded int64 tensors Hugging Face encodeBatch pads to, keyed by ONNX input names', async () => {
    const hf = tokenizers.Tokenizer.fromString(readFixtureTokenizer('bert-base-uncased'));
    const texts = [
      'A man plays guitar.',
      'Zürich 😀 東京',
      'Short',
      'The quick brown fox jumps over the lazy dog.',
    ];
    const tok = await hfTokenizerLike(hf, texts);
    hf.setPadding({ padToMultipleOf: 8 });
    const expected = await hf.encodeBatch(texts);
    const batch = collateBatch(encodeInputsBatch(tok, texts, { template: bertTemplate() }), {
      padToMultipleOf: 8,
    });
    const seq = expected[0]!.getLength();
    expect(seq % 8).toBe(0);
    expect(Object.keys(batch)).toEqual(['input_ids', 'attention_mask', 'token_type_ids']);
    expect(batch.input_ids.type).toBe('int64');
    expect(batch.input_ids.dims).toEqual([4, seq]);
    expect([...batch.input_ids.data]).toEqual(big(expected.flatMap((e) => e.getIds())));
    expect([...batch.attention_mask.data]).toEqual(
      big(expected.flatMap((e) => e.getAttentionMask())),
    );
    expect([...batch.token_type_ids!.data]).toEqual(big(expected.flatMap((e) => e.getTypeIds())));
  });

  it('writes Int32Array on request, pads left with padId, and omits token_type_ids for GPT-style items', () => {
    const batch = collateBatch([{ ids: [5, 6, 7] }, { ids: [8], attentionMask: [1] }], {
      dtype: 'int32',
      padId: 2,
      paddingSide: 'left',
    });
    expect(batch.input_ids.data).toBeInstanceOf(Int32Array);
    expect([...batch.input_ids.data]).toEqual([5, 6, 7, 2, 2, 8]);
    expect([...batch.attention_mask.data]).toEqual([1, 1, 1, 0, 0, 1]);
    expect(batch.token_type_ids).toBeUndefined();
  });

  it('pads to maxLength and keeps negative and large ids exact in int64', () => {
    const batch = collateBatch([{ ids: [-100, 2147483647] }], {
      padding: 'max_length',
      maxLength: 4,
    });
    expect([...batch.input_ids.data]).toEqual([-100n, 2147483647n, 0n, 0n]);
    expect(batch.input_ids.dims).toEqual([1, 4]);
  });

  it('INCONSISTENT_SHAPES for an empty batch, ragged fields, type ids on some items, or an item past maxLength', () => {
    const code = { code: 'INCONSISTENT_SHAPES' };
    expect(() => collateBatch([])).toThrow(expect.objectContaining(code));
    expect(() => collateBatch([{ ids: [1, 2], attentionMask: [1] }])).toThrow(
      expect.objectContaining(code),
    );
    expect(() => collateBatch([{ ids: [1], typeIds: [0] }, { ids: [2] }])).toThrow(
      expect.objectContaining(code),
    );
    expect(() =>
      collateBatch([{ ids: [1, 2, 3] }], { padding: 'max_length', maxLength: 2 }),
    ).toThrow(expect.objectContaining(code));
  });

  it('INVALID_OPTION for an id outside 32 bits, an unknown dtype, or max_length without maxLength', () => {
    const code = { code: 'INVALID_OPTION' };
    expect(() => collateBatch([{ ids: [2 ** 40] }])).toThrow(expect.objectContaining(code));
    expect(() => collateBatch([{ ids: [1] }], { dtype: 'float32' as 'int32' })).toThrow(
      expect.objectContaining(code),
    );
    expect(() => collateBatch([{ ids: [1] }], { padding: 'max_length' })).toThrow(
      expect.objectContaining(code),
    );
  });
});

describe('collateMultipleChoice', () => {
  const tokens = { start: '_start_', delimiter: '_delimiter_', extract: '_classify_' };

  it('shapes GPT multiple-choice rows as [batch, numChoices, seq]', () => {
    const tok = inlineTokenizer();
    const a = gptMultipleChoice(tok, 'c1 c2', ['a1', 'a1 a2'], { tokens });
    const b = gptMultipleChoice(tok, 'c1 c2 c3 c4', ['a1', 'a2'], { tokens });
    const batch = collateMultipleChoice([a, b], { dtype: 'int32' });
    expect(batch.input_ids.dims).toEqual([2, 2, 8]);
    // Row by row: each example's rows, padded with 0 to the longest row of the whole batch (8).
    const rows = [...a.ids, ...b.ids].map((r) => [
      ...r,
      ...new Array<number>(8 - r.length).fill(0),
    ]);
    expect([...batch.input_ids.data]).toEqual(rows.flat());
    expect([...batch.attention_mask.data].slice(0, 8)).toEqual([1, 1, 1, 1, 1, 1, 0, 0]);
  });

  it('INCONSISTENT_SHAPES when examples have different numbers of choices', () => {
    expect(() => collateMultipleChoice([[{ ids: [1] }, { ids: [2] }], [{ ids: [3] }]])).toThrow(
      expect.objectContaining({ code: 'INCONSISTENT_SHAPES' }),
    );
    expect(() => collateMultipleChoice([])).toThrow(
      expect.objectContaining({ code: 'INCONSISTENT_SHAPES' }),
    );
  });
});
