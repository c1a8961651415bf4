import { readFixtureTokenizer } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from './tokenizer';

const bert = JSON.parse(readFixtureTokenizer('bert-base-uncased')) as Record<string, unknown>;
const withPart = (key: string, value: unknown): Tokenizer =>
  Tokenizer.fromJSON({ ...structuredClone(bert), [key]: value });
const fails = (run: () => unknown, code: string, message: string | RegExp): void => {
  expect(run).toThrow(
    expect.objectContaining({
      name: 'TokenizerError',
      code,
      message: typeof message === 'string' ? message : expect.stringMatching(message),
    }),
  );
};

const template = (): Record<string, unknown> => ({
  type: 'TemplateProcessing',
  single: [{ Sequence: { id: 'A', type_id: 0 } }],
  pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
  special_tokens: {},
});

describe('a malformed tokenizer.json component is a TokenizerError with its JSON path, never a TypeError', () => {
  it.each([
    [
      'normalizer',
      { type: 'Sequence', normalizers: [null] },
      'normalizer.normalizers[0]',
      'normalizer',
    ],
    [
      'pre_tokenizer',
      { type: 'Sequence', pretokenizers: [null] },
      'pre_tokenizer.pretokenizers[0]',
      'pre-tokenizer',
    ],
    [
      'post_processor',
      { type: 'Sequence', processors: [7] },
      'post_processor.processors[0]',
      'post-processor',
    ],
    ['decoder', { type: 'Sequence', decoders: ['x'] }, 'decoder.decoders[0]', 'decoder'],
  ])('%s: a Sequence entry that is not an object', (key, value, path, kind) => {
    fails(
      () => withPart(key, value),
      'INVALID_FIELD',
      new RegExp(`^${path.replace(/[[\].]/g, '\\$&')}: expected a ${kind} object`),
    );
  });

  it('TemplateProcessing: a piece that is a number, null, or an object without an id', () => {
    for (const [field, piece, got] of [
      ['pair', 5, 'number 5'],
      ['single', null, 'null'],
    ] as const) {
      const tpl = template();
      (tpl[field] as unknown[])[0] = piece;
      fails(
        () => withPart('post_processor', tpl),
        'INVALID_FIELD',
        `post_processor.${field}[0]: expected { Sequence } or { SpecialToken }, got ${got}`,
      );
    }
    const tpl = template();
    (tpl['pair'] as unknown[])[1] = { Sequence: { type_id: 1 } };
    fails(
      () => withPart('post_processor', tpl),
      'INVALID_FIELD',
      /^post_processor\.pair\[1\]: expected \{ Sequence: \{ id/,
    );
    const deleted = template();
    delete deleted['pair'];
    fails(
      () => withPart('post_processor', deleted),
      'INVALID_FIELD',
      'post_processor.pair: expected an array of template pieces',
    );
  });
});

describe('API misuse is a TokenizerError with a code', () => {
  const tok = Tokenizer.fromJSON(structuredClone(bert));

  it('tokenToId and idToToken check their argument', () => {
    fails(
      () => tok.tokenToId(undefined as unknown as string),
      'INVALID_INPUT',
      'tokenToId: token must be a string, got undefined',
    );
    fails(
      () => tok.idToToken(1.5),
      'INVALID_INPUT',
      'idToToken: id must be an integer, got number 1.5',
    );
    expect(tok.tokenToId('[CLS]')).toBe(101);
    expect(tok.idToToken(101)).toBe('[CLS]');
    expect(tok.idToToken(10 ** 9)).toBeUndefined(); // out of range stays undefined, as HF's None
  });

  it('padding ids must be non-negative integers (padId NaN wrote null ids)', () => {
    const t = Tokenizer.fromJSON(structuredClone(bert));
    fails(
      () => t.enablePadding({ padId: NaN, length: 8 }),
      'INVALID_OPTION',
      'enablePadding: padId must be a non-negative integer, got number NaN',
    );
    fails(
      () => t.enablePadding({ padTypeId: -1 }),
      'INVALID_OPTION',
      'enablePadding: padTypeId must be a non-negative integer, got number -1',
    );
    fails(
      () => t.enablePadding({ padToken: 3 as unknown as string }),
      'INVALID_OPTION',
      'enablePadding: padToken must be a string, got number 3',
    );
    t.enablePadding({ length: 5 });
    expect(t.encode('hi').ids).toEqual([101, 7632, 102, 0, 0]);
  });

  it('encodeBatch takes strings or [text, pair] pairs, as the Hugging Face binding does', () => {
    fails(
      () => tok.encodeBatch([['a'] as unknown as [string, string]]),
      'INVALID_INPUT',
      'encodeBatch: inputs[0] must be a string or a [text, pair] array of two strings, got an array of 1',
    );
    fails(
      () => tok.encodeBatch(['x', ['a', 'b', 'c'] as unknown as [string, string]]),
      'INVALID_INPUT',
      /inputs\[1\] .* got an array of 3$/,
    );
    fails(
      () => tok.encodeBatch([5 as unknown as string]),
      'INVALID_INPUT',
      /inputs\[0\] .* got number 5$/,
    );
    expect(tok.encodeBatch([['a', 'b']])[0]!.ids).toEqual([101, 1037, 102, 1038, 102]);
  });

  it('a stride not smaller than the cut length is refused (it looped until out of memory; Hugging Face aborts)', () => {
    const t = Tokenizer.fromJSON(structuredClone(bert));
    const ten = 'a b c d e f g h i j';
    // OnlyFirst: 16 - 3 special tokens - 10 of the pair leaves the first sequence 3 tokens, stride 3.
    t.enableTruncation(16, { stride: 3, strategy: 'only_first' });
    fails(() => t.encode(ten, ten), 'INVALID_OPTION', /stride 3 must be smaller than the 3 tokens/);
    // LongestFirst: 9 - 3 leaves 6, split 3 + 3, stride 4 (smaller than 6, so the first check passed).
    t.enableTruncation(9, { stride: 4 });
    fails(() => t.encode(ten, ten), 'INVALID_OPTION', /stride 4 must be smaller than the 3 tokens/);
    // One less and it works, with windows advancing by one token, as the binding gives.
    t.enableTruncation(16, { stride: 2, strategy: 'only_first' });
    const e = t.encode(ten, ten);
    expect(e.ids).toHaveLength(16);
    expect(e.overflowing.map((o) => o.ids.length)).toEqual(Array(7).fill(16));
  });
});

describe('an argument of an unexpected type is named in the message, whatever its type', () => {
  it('a bigint is described, not a TypeError from JSON.stringify', () => {
    const tok = withPart('padding', null);
    fails(
      () => tok.tokenToId(10n as unknown as string),
      'INVALID_INPUT',
      'tokenToId: token must be a string, got bigint 10n',
    );
  });
});
