import { readFixtureTokenizer } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import type { Normalizer as HfNormalizer, PreTokenizer as HfPreTokenizer } from 'tokenizers';
import { NormalizedString } from './normalized-string';
import { createNormalizer } from './normalizers/create-normalizer';
import { createPreTokenizer } from './pre-tokenizers';
import { hf } from './oracle.test-helper';
import { Tokenizer } from './tokenizer';
import type { NormalizerJson, PreTokenizerJson } from './types';

// Every assigned code point (Node's Unicode, so those assigned since the crates' versions too), lone
// surrogates left out (the binding receives them as U+FFFD).
const ASSIGNED: number[] = [];
for (let c = 0; c <= 0x10ffff; c++) {
  if ((c < 0xd800 || c > 0xdfff) && !/\p{Cn}/u.test(String.fromCodePoint(c))) ASSIGNED.push(c);
}
const BATCH = 2048;

/**
 * Each code point in a context that exercises it: after a separator no class or composition touches ('|'), alone,
 * then between 'e' and U+0301, so that a mark's combining class (reordering, blocked composition) shows too.
 */
function contexts(c: number): string[] {
  const s = String.fromCodePoint(c);
  return [`|${s}`, `|e${s}\u0301`];
}

/** The code points of `batch` whose contexts `same` says differ, for the failure message. */
function culprits(batch: number[], same: (text: string) => boolean): string[] {
  return batch
    .filter((c) => !contexts(c).every(same))
    .slice(0, 8)
    .map((c) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
}

function normalized(ours: ReturnType<typeof createNormalizer>, text: string): string {
  const n = new NormalizedString(text, null, 0, 0);
  ours.normalize(n);
  return n.text;
}

function pieces(ours: ReturnType<typeof createPreTokenizer>, text: string): string[] {
  const out: NormalizedString[] = [];
  ours.split(new NormalizedString(text, null, 0, 0), out);
  return out.map((p) => p.text);
}

const normalizers: [NormalizerJson, HfNormalizer][] = [
  [
    {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: false,
      strip_accents: false,
      lowercase: false,
    },
    hf.bertNormalizer({
      cleanText: true,
      handleChineseChars: false,
      stripAccents: false,
      lowercase: false,
    }),
  ],
  [
    {
      type: 'BertNormalizer',
      clean_text: false,
      handle_chinese_chars: false,
      strip_accents: true,
      lowercase: false,
    },
    hf.bertNormalizer({
      cleanText: false,
      handleChineseChars: false,
      stripAccents: true,
      lowercase: false,
    }),
  ],
  [
    {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    hf.bertNormalizer({ cleanText: true, handleChineseChars: true, lowercase: true }),
  ],
  [{ type: 'StripAccents' }, hf.stripAccentsNormalizer()],
  [{ type: 'NFD' }, hf.nfdNormalizer()],
  [{ type: 'NFKD' }, hf.nfkdNormalizer()],
  [{ type: 'NFC' }, hf.nfcNormalizer()],
  [{ type: 'NFKC' }, hf.nfkcNormalizer()],
  [{ type: 'Lowercase' }, hf.lowercase()],
];

const preTokenizers: [PreTokenizerJson, HfPreTokenizer][] = [
  [{ type: 'BertPreTokenizer' }, hf.bertPreTokenizer()],
  [{ type: 'Punctuation', behavior: 'Isolated' }, hf.punctuationPreTokenizer('isolated')],
  [{ type: 'WhitespaceSplit' }, hf.whitespaceSplitPreTokenizer()],
  [{ type: 'Digits', individual_digits: false }, hf.digitsPreTokenizer(false)],
  // Oniguruma patterns: GPT-2's `\p{L}`/`\p{N}` classes and `\w`, Unicode 16.0 to the binding.
  [
    { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    hf.byteLevelPreTokenizer(false, true),
  ],
  [{ type: 'Whitespace' }, hf.whitespacePreTokenizer()],
];

describe('character classes match the Hugging Face binding on every assigned code point', () => {
  it.each(normalizers)(
    'normalizer %j',
    (json, oracle) => {
      const ours = createNormalizer(json, 'normalizer');
      const same = (t: string): boolean => normalized(ours, t) === oracle.normalizeString(t);
      const failures: string[] = [];
      for (let i = 0; i < ASSIGNED.length; i += BATCH) {
        const batch = ASSIGNED.slice(i, i + BATCH);
        if (!same(batch.flatMap(contexts).join(''))) failures.push(...culprits(batch, same));
      }
      expect(ASSIGNED.length).toBeGreaterThan(290_000);
      expect(failures.slice(0, 20)).toEqual([]);
    },
    120_000,
  );

  it.each(preTokenizers)(
    'pre-tokenizer %j',
    (json, oracle) => {
      const ours = createPreTokenizer(json, 'pre_tokenizer');
      const same = (t: string): boolean =>
        JSON.stringify(pieces(ours, t)) ===
        JSON.stringify(oracle.preTokenizeString(t).map(([piece]) => piece));
      const failures: string[] = [];
      for (let i = 0; i < ASSIGNED.length; i += BATCH) {
        const batch = ASSIGNED.slice(i, i + BATCH);
        if (!same(batch.flatMap(contexts).join(''))) failures.push(...culprits(batch, same));
      }
      expect(failures.slice(0, 20)).toEqual([]);
    },
    120_000,
  );
});

describe('characters assigned after the crates’ Unicode versions (regressions from issue 23)', () => {
  const bert = Tokenizer.fromString(readFixtureTokenizer('bert-base-uncased'));
  const oracle = hf.Tokenizer.fromString(readFixtureTokenizer('bert-base-uncased'));

  it('U+061D (Unicode 14) is no punctuation: "a\\u061Db" is one unknown word', async () => {
    expect(bert.encode('a\u061Db').tokens).toEqual(['[CLS]', '[UNK]', '[SEP]']);
    expect(bert.encode('a\u061Db').tokens).toEqual((await oracle.encode('a\u061Db')).getTokens());
  });

  it.each([
    ['10D27', 0x10d27],
    ['10EAD', 0x10ead],
    ['10EFB', 0x10efb],
    ['10F49', 0x10f49],
    ['10F56', 0x10f56],
  ])('U+%s (a mark since Unicode 11) is no accent to strip: one unknown word', async (_hex, c) => {
    const text = `a${String.fromCodePoint(c)}b`;
    expect(bert.encode(text).tokens).toEqual(['[CLS]', '[UNK]', '[SEP]']);
    expect(bert.encode(text).tokens).toEqual((await oracle.encode(text)).getTokens());
  });
});
