import { describe, expect, it, vi } from 'vitest';
import { countWords } from './count-words';
import { corpusLines, hfTrain } from './hf-oracle';
import { learnBpe, trainBpeModel } from './bpe-trainer';
import { createTrainingSplitter } from './training-splitter';
import type { BpeModelJson, ComponentJson } from './types';

// Training with the oracle on a shared 2-core machine can take a few seconds per test.
vi.setConfig({ testTimeout: 60_000 });

const lines = corpusLines(150_000);
const withNewlines = lines.map((l) => `${l}\n`);

async function ours(
  normalizer: ComponentJson | null,
  pre: ComponentJson | null,
  opts = {},
): Promise<BpeModelJson> {
  const counts = await countWords(withNewlines, createTrainingSplitter(normalizer, pre));
  return trainBpeModel(counts, opts);
}

const pipelines: [string, ComponentJson | null, ComponentJson][] = [
  ['Whitespace', null, { type: 'Whitespace' }],
  [
    'BertNormalizer + BertPreTokenizer',
    {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    { type: 'BertPreTokenizer' },
  ],
  [
    'byte-level (GPT-2)',
    null,
    { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
  ],
  [
    'byte-level with prefix space (RoBERTa)',
    null,
    { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  ],
  [
    'NFKC + Metaspace',
    { type: 'NFKC' },
    { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: true },
  ],
];

describe('learnBpe', () => {
  it.each(pipelines)(
    'equals the Hugging Face BpeTrainer model id for id (%s)',
    async (_name, norm, pre) => {
      const expected = hfTrain('BPE', lines, norm, pre).model as BpeModelJson;
      const got = await ours(norm, pre);
      expect(got.merges.length).toBeGreaterThan(1000);
      expect(got.merges).toEqual(expected.merges);
      expect(Object.entries(got.vocab)).toEqual(Object.entries(expected.vocab));
    },
  );

  it('with a smaller vocabSize learns a prefix of the merges (greedy merges do not depend on the stop)', async () => {
    const pre = { type: 'Whitespace' };
    const full = hfTrain('BPE', lines, null, pre).model as BpeModelJson;
    const got = await ours(null, pre, { vocabSize: 2000 });
    expect(Object.keys(got.vocab)).toHaveLength(2000);
    expect(got.merges).toEqual(full.merges.slice(0, got.merges.length));
  });

  it('puts special tokens first, then the alphabet in code point order', () => {
    const { vocab } = learnBpe(new Map([['bca', 1]]), {
      specialTokens: ['<pad>', '<unk>'],
      vocabSize: 5,
    });
    expect(vocab).toEqual(['<pad>', '<unk>', 'a', 'b', 'c']);
  });

  it('stops at minFrequency (worked example: re=3, are=2, is=2, then pairs seen once)', () => {
    // Counts: are x2, red, roses, is x2 -> (r,e) occurs 2+1+... : are(2) + red(1) = 3 -> merge "re";
    // then (a,re) = 2 -> "are"; (i,s) = 2 -> "is"; every other pair occurs once, below minFrequency 2.
    const counts = new Map([
      ['are', 2],
      ['red', 1],
      ['is', 2],
      ['so', 1],
    ]);
    const { merges } = learnBpe(counts, { minFrequency: 2 });
    expect(merges).toEqual([
      ['r', 'e'],
      ['a', 're'],
      ['i', 's'],
    ]);
  });

  it('limitAlphabet keeps the most frequent characters and drops the others from words', () => {
    const counts = new Map([
      ['aab', 3],
      ['zq', 1],
    ]);
    const { vocab, merges } = learnBpe(counts, { limitAlphabet: 2 });
    // a: 6, b: 3, z: 1, q: 1 -> keep a, b; "zq" is empty after dropping, "aab" merges a+a then aa+b.
    expect(vocab).toEqual(['a', 'b', 'aa', 'aab']);
    expect(merges).toEqual([
      ['a', 'a'],
      ['aa', 'b'],
    ]);
  });

  it('initialAlphabet adds unseen characters', () => {
    const { vocab } = learnBpe(new Map([['b', 1]]), { initialAlphabet: ['z', 'a'] });
    expect(vocab).toEqual(['a', 'b', 'z']);
  });

  it('marks word ends with endOfWordSuffix and continuations with continuingSubwordPrefix', () => {
    const { vocab, merges } = learnBpe(new Map([['ab', 2]]), {
      endOfWordSuffix: '</w>',
      continuingSubwordPrefix: '##',
    });
    expect(vocab).toEqual(['a', 'b', '##b</w>', 'ab</w>']);
    expect(merges).toEqual([['a', '##b</w>']]);
  });

  it('maxTokenLength caps the length of merged tokens', () => {
    const { vocab } = learnBpe(new Map([['abcdef', 5]]), { maxTokenLength: 2 });
    expect(Math.max(...vocab.map((t) => [...t].length))).toBe(2);
  });

  it('reports progress with counts and an ETA', () => {
    const seen: string[] = [];
    learnBpe(
      new Map([
        ['hello', 3],
        ['world', 2],
      ]),
      {
        onProgress: (p) => {
          seen.push(p.phase);
          expect(p.done).toBeGreaterThanOrEqual(0);
          expect(p.elapsedMs).toBeGreaterThanOrEqual(0);
        },
        progressIntervalMs: 0,
      },
    );
    expect(seen).toEqual(expect.arrayContaining(['alphabet', 'tokenize', 'count-pairs', 'merge']));
  });

  it.each([
    ['vocabSize', { vocabSize: -1 }],
    ['minFrequency', { minFrequency: 1.5 }],
    ['limitAlphabet', { limitAlphabet: -2 }],
    ['initialAlphabet', { initialAlphabet: ['ab'] }],
  ])('rejects an invalid %s with INVALID_OPTION', (_name, opts) => {
    expect(() => learnBpe(new Map([['a', 1]]), opts)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
