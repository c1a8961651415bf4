import { describe, expect, it } from 'vitest';
import { encodeInputs } from './encode-inputs';
import { encodingWindows } from './encoding-windows';
import { inlineTokenizer } from './inline-tokenizer.test-helper';
import { padEncodings } from './pad-encodings';
import { bertTemplate } from './pair-template';

const specials = ['[PAD]', '[CLS]', '[SEP]'];

describe('encodeInputs', () => {
  it('formats a pair as [CLS] A [SEP] B [SEP] with type ids, masks and offsets', () => {
    const tok = inlineTokenizer(specials);
    const e = encodeInputs(tok, 'a man 😀', 'sleeps', { template: bertTemplate() });
    expect(tok.render(e.ids)).toBe('[CLS] a man 😀 [SEP] sleeps [SEP]');
    expect(e.typeIds).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(e.specialTokensMask).toEqual([1, 0, 0, 0, 1, 0, 1]);
    expect(e.offsets).toEqual([
      [0, 0],
      [0, 1],
      [2, 5],
      [6, 8],
      [0, 0],
      [0, 6],
      [0, 0],
    ]);
    expect(e.sequenceIds).toEqual([null, 0, 0, 0, null, 1, null]);
  });

  it('accepts pre-tokenized sequences and reads the template from the tokenizer', () => {
    const tok = { ...inlineTokenizer(specials), pairTemplate: bertTemplate() };
    expect(encodeInputs(tok, { ids: [7, 8] }).ids).toEqual([1, 7, 8, 2]);
  });

  it('cuts a single text into windows overlapping by stride, flattened by encodingWindows', () => {
    const tok = inlineTokenizer(specials);
    const e = encodeInputs(tok, 'w1 w2 w3 w4 w5 w6', null, {
      template: bertTemplate(),
      maxLength: 5,
      stride: 1,
    });
    // 3 tokens per window (5 − 2 special), stepping by 3 − 1 = 2.
    expect(encodingWindows(e).map((w) => tok.render(w.ids))).toEqual([
      '[CLS] w1 w2 w3 [SEP]',
      '[CLS] w3 w4 w5 [SEP]',
      '[CLS] w5 w6 [SEP]',
    ]);
  });

  it('UNKNOWN_TOKEN when the template names a token the tokenizer lacks', () => {
    const tok = inlineTokenizer(['[PAD]']);
    expect(() => encodeInputs(tok, 'x', null, { template: bertTemplate() })).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_TOKEN',
        message: expect.stringContaining('[CLS]'),
      }),
    );
  });

  it('INVALID_OPTION for no template, maxLength below the special tokens, a stride as large as the window, or only_second alone', () => {
    const tok = inlineTokenizer(specials);
    const code = { code: 'INVALID_OPTION' };
    expect(() => encodeInputs(tok, 'x')).toThrow(expect.objectContaining(code));
    expect(() => encodeInputs(tok, 'x', 'y', { template: bertTemplate(), maxLength: 2 })).toThrow(
      expect.objectContaining(code),
    );
    expect(() =>
      encodeInputs(tok, 'a b c d', null, { template: bertTemplate(), maxLength: 4, stride: 2 }),
    ).toThrow(expect.objectContaining(code));
    expect(() =>
      encodeInputs(tok, 'a b c d', null, {
        template: bertTemplate(),
        maxLength: 4,
        truncation: 'only_second',
      }),
    ).toThrow(expect.objectContaining(code));
    expect(() =>
      encodeInputs(tok, 'x', null, { template: bertTemplate(), padding: 'max_length' }),
    ).toThrow(expect.objectContaining(code));
  });

  it('SEQUENCE_TOO_SHORT when only_first must remove more than the first text has', () => {
    const tok = inlineTokenizer(specials);
    expect(() =>
      encodeInputs(tok, 'a', 'b c d e', {
        template: bertTemplate(),
        maxLength: 6,
        truncation: 'only_first',
      }),
    ).toThrow(expect.objectContaining({ code: 'SEQUENCE_TOO_SHORT' }));
  });
});

describe('padEncodings', () => {
  it('pads copies to the longest, rounded to a multiple, leaving the inputs as they were', () => {
    const tok = inlineTokenizer(specials);
    const a = encodeInputs(tok, 'a b c', null, { template: bertTemplate() });
    const b = encodeInputs(tok, 'a', null, { template: bertTemplate() });
    const [pa, pb] = padEncodings([a, b], {
      padToMultipleOf: 4,
      padToken: '[PAD]',
      tokenizer: tok,
    });
    expect(tok.render(pb!.ids)).toBe('[CLS] a [SEP] [PAD] [PAD] [PAD] [PAD] [PAD]');
    expect(pa!.attentionMask).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
    expect(pb!.specialTokensMask).toEqual([1, 0, 1, 1, 1, 1, 1, 1]);
    expect(b.ids.length).toBe(3);
  });
});

describe('encodeInputs: a malformed template', () => {
  it('is an INVALID_INPUT naming options.template, not a TypeError', () => {
    const tok = inlineTokenizer(['[CLS]', '[SEP]']);
    for (const [template, what] of [
      [5, 'options.template must be an object'],
      [{ single: [], pair: 0 }, 'options.template.pair must be an array'],
      [{ pair: [] }, 'options.template.single must be an array'],
      [{ single: [], pair: [0] }, 'template.pair[0] must be a template piece'],
    ] as const)
      expect(() => encodeInputs(tok, 'a b', null, { template: template as never })).toThrow(
        expect.objectContaining({
          code: 'INVALID_INPUT',
          message: expect.stringContaining(what),
        }),
      );
  });
});
