import { readFixtureTokenizer } from '@nlpft/test-utils';
import type { TokenizerJson } from './types';

// Pipelines assembled from the shared vocabularies with components the shared files do not use, so every
// normalizer / pre-tokenizer / model / post-processor / decoder type meets the oracle.
const bert = JSON.parse(readFixtureTokenizer('bert-base-uncased')) as TokenizerJson;
const gpt2 = JSON.parse(readFixtureTokenizer('gpt2')) as TokenizerJson;
const t5 = JSON.parse(readFixtureTokenizer('t5-small')) as TokenizerJson;
const clip = JSON.parse(readFixtureTokenizer('clip-vit-base-patch32')) as TokenizerJson;

const bertPost = bert.post_processor;
export const variants: [string, TokenizerJson][] = [
  [
    'WordPiece + NFD/StripAccents/Lowercase + Whitespace/Digits + BertProcessing',
    {
      ...bert,
      normalizer: {
        type: 'Sequence',
        normalizers: [{ type: 'NFD' }, { type: 'StripAccents' }, { type: 'Lowercase' }],
      },
      pre_tokenizer: {
        type: 'Sequence',
        pretokenizers: [{ type: 'Whitespace' }, { type: 'Digits', individual_digits: true }],
      },
      post_processor: { type: 'BertProcessing', sep: ['[SEP]', 102], cls: ['[CLS]', 101] },
    },
  ],
  [
    'WordPiece + NFKC/Strip/Replace + WhitespaceSplit/Punctuation(MergedWithPrevious)',
    {
      ...bert,
      normalizer: {
        type: 'Sequence',
        normalizers: [
          { type: 'NFKC' },
          { type: 'Strip', strip_left: true, strip_right: true },
          { type: 'Replace', pattern: { String: 'the' }, content: 'THE' },
          { type: 'Lowercase' },
        ],
      },
      pre_tokenizer: {
        type: 'Sequence',
        pretokenizers: [
          { type: 'WhitespaceSplit' },
          { type: 'Punctuation', behavior: 'MergedWithPrevious' },
        ],
      },
    },
  ],
  [
    'WordPiece + NFKD/Nmt + CharDelimiterSplit + Punctuation(MergedWithNext)',
    {
      ...bert,
      normalizer: {
        type: 'Sequence',
        normalizers: [{ type: 'Nmt' }, { type: 'NFKD' }, { type: 'Lowercase' }],
      },
      pre_tokenizer: {
        type: 'Sequence',
        pretokenizers: [
          { type: 'CharDelimiterSplit', delimiter: ' ' },
          { type: 'Punctuation', behavior: 'MergedWithNext' },
        ],
      },
    },
  ],
  [
    'WordPiece + NFC + UnicodeScripts + Punctuation(Contiguous)',
    {
      ...bert,
      normalizer: { type: 'Sequence', normalizers: [{ type: 'NFC' }, { type: 'Lowercase' }] },
      pre_tokenizer: {
        type: 'Sequence',
        pretokenizers: [
          { type: 'UnicodeScripts' },
          { type: 'WhitespaceSplit' },
          { type: 'Punctuation', behavior: 'Contiguous' },
        ],
      },
    },
  ],
  [
    'WordLevel + Lowercase + Whitespace, no post-processor, no decoder',
    {
      ...bert,
      normalizer: { type: 'Lowercase' },
      pre_tokenizer: { type: 'Whitespace' },
      model: { type: 'WordLevel', vocab: bert.model.vocab, unk_token: '[UNK]' },
      post_processor: null,
      decoder: null,
    },
  ],
  [
    'WordPiece + Split(String, every behavior) + Split(Regex, invert)',
    {
      ...bert,
      pre_tokenizer: {
        type: 'Sequence',
        pretokenizers: [
          { type: 'Split', pattern: { String: ' ' }, behavior: 'Removed', invert: false },
          { type: 'Split', pattern: { String: '-' }, behavior: 'MergedWithNext', invert: false },
          {
            type: 'Split',
            pattern: { String: '.' },
            behavior: 'MergedWithPrevious',
            invert: false,
          },
          { type: 'Split', pattern: { Regex: '[,;:!?]+' }, behavior: 'Isolated', invert: false },
          {
            type: 'Split',
            pattern: { Regex: '\\p{L}+|\\p{N}+' },
            behavior: 'Isolated',
            invert: true,
          },
        ],
      },
    },
  ],
  [
    'WordPiece + added tokens with single_word, lstrip, rstrip and normalized',
    {
      ...bert,
      added_tokens: [
        ...(bert.added_tokens ?? []),
        {
          id: 30522,
          content: 'hello',
          single_word: true,
          lstrip: false,
          rstrip: false,
          normalized: true,
          special: false,
        },
        {
          id: 30523,
          content: '<ent>',
          single_word: false,
          lstrip: true,
          rstrip: true,
          normalized: false,
          special: true,
        },
        {
          id: 30525,
          content: 'ing',
          single_word: false,
          lstrip: false,
          rstrip: true,
          normalized: false,
          special: false,
        },
      ],
    },
  ],
  [
    'byte-level BPE + Split(Regex, Contiguous) + ByteLevel(add_prefix_space) + Sequence[ByteLevel, Template]',
    {
      ...gpt2,
      pre_tokenizer: {
        type: 'Sequence',
        pretokenizers: [
          { type: 'Split', pattern: { Regex: '\\d' }, behavior: 'Contiguous', invert: false },
          { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
        ],
      },
      post_processor: {
        type: 'Sequence',
        processors: [
          { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true },
          {
            type: 'TemplateProcessing',
            single: [
              { SpecialToken: { id: '<|endoftext|>', type_id: 0 } },
              { Sequence: { id: 'A', type_id: 0 } },
            ],
            pair: [
              { Sequence: { id: 'A', type_id: 0 } },
              { SpecialToken: { id: '<|endoftext|>', type_id: 1 } },
              { Sequence: { id: 'B', type_id: 1 } },
            ],
            special_tokens: {
              '<|endoftext|>': { id: '<|endoftext|>', ids: [50256], tokens: ['<|endoftext|>'] },
            },
          },
        ],
      },
    },
  ],
  [
    'byte-level BPE without regex + ByteLevel normalizer + ignore_merges',
    {
      ...gpt2,
      normalizer: {
        type: 'Sequence',
        normalizers: [{ type: 'Replace', pattern: { String: '  ' }, content: ' ' }],
      },
      pre_tokenizer: {
        type: 'Sequence',
        pretokenizers: [
          { type: 'WhitespaceSplit' },
          { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false },
        ],
      },
      model: { ...gpt2.model, type: 'BPE', ignore_merges: true },
    },
  ],
  [
    'BPE with end-of-word suffix + BPEDecoder',
    { ...clip, decoder: { type: 'BPEDecoder', suffix: '</w>' } },
  ],
  [
    'Unigram + Precompiled + Replace(Regex) + Metaspace(first, no split) + Sequence decoder',
    {
      ...t5,
      normalizer: {
        type: 'Sequence',
        normalizers: [
          t5.normalizer!,
          { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' },
        ],
      },
      pre_tokenizer: {
        type: 'Metaspace',
        replacement: '\u2581',
        prepend_scheme: 'first',
        split: false,
      },
      decoder: {
        type: 'Sequence',
        decoders: [
          { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'first', split: false },
          { type: 'Strip', content: ' ', start: 1, stop: 0 },
          { type: 'Replace', pattern: { String: 'a' }, content: 'A' },
        ],
      },
    },
  ],
  [
    'Unigram + Metaspace(never, split) + Fuse decoder',
    {
      ...t5,
      pre_tokenizer: {
        type: 'Metaspace',
        replacement: '\u2581',
        prepend_scheme: 'never',
        split: true,
      },
      decoder: {
        type: 'Sequence',
        decoders: [{ type: 'Fuse' }, { type: 'Strip', content: '\u2581', start: 2, stop: 0 }],
      },
    },
  ],
  [
    'WordLevel + CTC decoder',
    {
      ...bert,
      pre_tokenizer: { type: 'Whitespace' },
      model: { type: 'WordLevel', vocab: bert.model.vocab, unk_token: '[UNK]' },
      decoder: { type: 'CTC', pad_token: '[PAD]', word_delimiter_token: '|', cleanup: true },
    },
  ],
  [
    'WordPiece with truncation (longest first, stride) and padding (multiple of 8) sections',
    {
      ...bert,
      post_processor: bertPost,
      truncation: { max_length: 24, stride: 4, strategy: 'LongestFirst', direction: 'Right' },
      padding: {
        strategy: { Fixed: 30 },
        direction: 'Left',
        pad_to_multiple_of: 8,
        pad_id: 0,
        pad_type_id: 0,
        pad_token: '[PAD]',
      },
    },
  ],
  [
    'byte-level BPE with right truncation only_second',
    {
      ...gpt2,
      truncation: { max_length: 12, stride: 0, strategy: 'OnlySecond', direction: 'Right' },
    },
  ],
  [
    'WordPiece with batch-longest right padding and longest-first truncation without stride',
    {
      ...bert,
      truncation: { max_length: 20, stride: 0, strategy: 'LongestFirst', direction: 'Right' },
      padding: {
        strategy: 'BatchLongest',
        direction: 'Right',
        pad_to_multiple_of: null,
        pad_id: 0,
        pad_type_id: 0,
        pad_token: '[PAD]',
      },
    },
  ],
];
