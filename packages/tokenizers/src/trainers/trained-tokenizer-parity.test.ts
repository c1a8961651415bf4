import { describe, expect, it, vi } from 'vitest';
import { Tokenizer } from '../tokenizer';
import { comparable, firstDiff, fromOracle } from '../oracle.test-helper';
import { corpusLines, hf, unicodeEdgeLines } from './hf-oracle';
import { trainBpe } from './train-bpe';
import { trainByteLevelBpe } from './train-byte-level-bpe';
import { trainUnigram } from './train-unigram';
import { trainWordPiece } from './train-wordpiece';
import type { TrainedTokenizerJson } from './types';

// Training with the oracle on a shared 2-core machine can take a few seconds per test.
vi.setConfig({ testTimeout: 60_000 });

const all = corpusLines(200_000);
const training = all.slice(0, Math.floor(all.length * 0.6));
// Held-out lines plus edge cases the trainer never saw.
const held = [...all.slice(training.length, training.length + 600), ...unicodeEdgeLines(200, 99)];

const cases: [string, () => Promise<TrainedTokenizerJson>][] = [
  ['WordPiece (BERT uncased)', () => trainWordPiece(training, { vocabSize: 4000 })],
  [
    'WordPiece (cased, no limit)',
    () =>
      trainWordPiece(training, {
        vocabSize: 4000,
        normalizer: 'bert-cased',
        limitAlphabet: 100000,
      }),
  ],
  [
    'BPE',
    () => trainBpe(training, { vocabSize: 4000, specialTokens: ['<unk>'], unkToken: '<unk>' }),
  ],
  [
    'BPE with </w>',
    () =>
      trainBpe(training, {
        vocabSize: 4000,
        endOfWordSuffix: '</w>',
        specialTokens: ['<unk>'],
        unkToken: '<unk>',
      }),
  ],
  [
    'byte-level BPE (GPT-2)',
    () => trainByteLevelBpe(training, { vocabSize: 4000, specialTokens: ['<|endoftext|>'] }),
  ],
  [
    'byte-level BPE (RoBERTa)',
    () =>
      trainByteLevelBpe(training, {
        vocabSize: 4000,
        addPrefixSpace: true,
        specialTokens: ['<s>', '<pad>', '</s>', '<unk>', '<mask>'],
      }),
  ],
  ['Unigram', () => trainUnigram(training, { vocabSize: 3000, specialTokens: ['<pad>', '</s>'] })],
];

describe.each(cases)('a trained %s tokenizer', (_name, train) => {
  it('encodes held-out text, single and pair, exactly like the Hugging Face library', async () => {
    const json = await train();
    const ours = Tokenizer.fromJSON(json);
    const theirs = hf().Tokenizer.fromString(JSON.stringify(json));
    const mismatches: { text: string; pair?: string; field: string }[] = [];
    for (let i = 0; i < held.length; i++) {
      const text = held[i] as string;
      const pair = i % 3 === 0 ? held[(i + 7) % held.length] : undefined;
      const expected = fromOracle(await theirs.encode(text, pair ?? null), text, pair);
      const got = comparable(ours.encode(text, pair ?? null));
      const field = firstDiff(got, expected);
      if (field !== null) mismatches.push({ text, ...(pair === undefined ? {} : { pair }), field });
      else if (
        ours.decode(expected.ids, { skipSpecialTokens: true }) !==
        (await theirs.decode(expected.ids, true))
      ) {
        mismatches.push({ text, field: 'decode' });
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  }, 60_000);
});
