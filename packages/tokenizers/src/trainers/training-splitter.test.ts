import { describe, expect, it, vi } from 'vitest';
import { corpusLines, hf, unicodeEdgeLines } from './hf-oracle';
import { mulberry32 } from '@nlpft/test-utils';
import {
  byteLevelAlphabet,
  createTrainingSplitter,
  trainingNormalizer,
  trainingPreTokenizer,
} from './training-splitter';
import type { ComponentJson } from './types';

// Training with the oracle on a shared 2-core machine can take a few seconds per test.
vi.setConfig({ testTimeout: 60_000 });

const texts = [
  ...corpusLines(40_000),
  ...unicodeEdgeLines(300, 11),
  '',
  ' ',
  '\t\tindented',
  '  two  spaces  ',
  '\u2581already',
];
// Random strings over a mix of scripts, controls and whitespace.
const r = mulberry32(3);
const alphabet = [
  ...'aZ09 \t\n\u00a0\u0085\u200b\u3000.,!?\'"-_()#@é\u0301ßΣσ中文한글😀👩‍👧\u202e\ufeff\u0000',
];
for (let i = 0; i < 300; i++) {
  let s = '';
  const n = Math.floor(r() * 20);
  for (let j = 0; j < n; j++) s += alphabet[Math.floor(r() * alphabet.length)] as string;
  texts.push(s);
}

function oracle(normalizer: ComponentJson | null, pre: ComponentJson | null) {
  const tok = hf().Tokenizer.fromString(
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [],
      normalizer,
      pre_tokenizer: pre,
      post_processor: null,
      decoder: null,
      model: { type: 'WordLevel', vocab: {}, unk_token: '[UNK]' },
    }),
  );
  const n = tok.getNormalizer();
  const p = tok.getPreTokenizer();
  return (s: string): string[] => {
    const normalized = n ? n.normalizeString(s) : s;
    return p ? p.preTokenizeString(normalized).map(([piece]) => piece) : [normalized];
  };
}

const bert = {
  type: 'BertNormalizer',
  clean_text: true,
  handle_chinese_chars: true,
  strip_accents: null,
  lowercase: true,
};
const normalizers: ComponentJson[] = [
  bert,
  { ...bert, lowercase: false },
  { ...bert, lowercase: false, strip_accents: true },
  { type: 'NFKC' },
  { type: 'NFD' },
  { type: 'Lowercase' },
  { type: 'StripAccents' },
  { type: 'Strip', strip_left: true, strip_right: true },
  { type: 'Replace', pattern: { String: 'a' }, content: 'bb' },
  { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
  { type: 'Prepend', prepend: '\u2581' },
  {
    type: 'Sequence',
    normalizers: [{ type: 'NFD' }, { type: 'StripAccents' }, { type: 'Lowercase' }],
  },
];
const preTokenizers: ComponentJson[] = [
  { type: 'BertPreTokenizer' },
  { type: 'Whitespace' },
  { type: 'WhitespaceSplit' },
  { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
  { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
  { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: true },
  { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'never', split: true },
  { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: false },
  {
    type: 'Sequence',
    pretokenizers: [
      { type: 'WhitespaceSplit' },
      { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    ],
  },
];

describe('trainingNormalizer', () => {
  it.each(normalizers.map((n) => [JSON.stringify(n), n] as const))(
    '%s normalizes like the Hugging Face binding',
    (_name, json) => {
      const ours = trainingNormalizer(json);
      const ref = oracle(json, null);
      for (const t of texts) expect([t, ours(t)]).toEqual([t, ref(t).join('')]);
    },
  );
});

describe('trainingPreTokenizer', () => {
  it.each(preTokenizers.map((p) => [JSON.stringify(p), p] as const))(
    '%s splits like the Hugging Face binding',
    (_name, json) => {
      const ours = trainingPreTokenizer(json);
      const ref = oracle(null, json);
      for (const t of texts) {
        expect([t, ours(t.length > 0 ? [t] : [])]).toEqual([t, ref(t).filter((p) => p.length > 0)]);
      }
    },
  );

  it('rejects a type it cannot apply with UNSUPPORTED_TYPE and lists the supported ones', () => {
    expect(() => trainingPreTokenizer({ type: 'Digits' })).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_TYPE',
        message: expect.stringContaining('Metaspace'),
      }),
    );
    expect(() => trainingNormalizer({ type: 'Precompiled' })).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_TYPE',
        message: expect.stringContaining('NFKC'),
      }),
    );
  });

  it('rejects a regex JavaScript cannot compile with INVALID_OPTION', () => {
    expect(() =>
      trainingNormalizer({ type: 'Replace', pattern: { Regex: '(' }, content: '' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});

describe('createTrainingSplitter', () => {
  it('normalizes then pre-tokenizes', () => {
    expect(createTrainingSplitter(bert, { type: 'BertPreTokenizer' })('Héllo, WORLD!')).toEqual([
      'hello',
      ',',
      'world',
      '!',
    ]);
  });
});

describe('byteLevelAlphabet', () => {
  it('equals the Hugging Face binding alphabet', () => {
    expect([...byteLevelAlphabet()].sort()).toEqual([...hf().byteLevelAlphabet()].sort());
  });
});
