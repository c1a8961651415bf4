import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSession, SequenceClassifier } from '@nlpft/inference';
import { Tokenizer } from '@nlpft/tokenizers';
import { describe, expect, it } from 'vitest';
import { formatPairs, showSegments } from './format-pairs';
import { mobyDickParagraphs, trainTokenizer } from '@nlpft-examples/data';

// The inference fixtures' word list as a BERT WordPiece vocabulary (id = position: [PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3).
const vocab = JSON.parse(
  readFileSync(new URL('../../../packages/inference/fixtures/vocab.json', import.meta.url), 'utf8'),
) as string[];
const fixtureTokenizer = Tokenizer.fromWordPieceVocab(vocab.join('\n'));

describe('formatPairs', () => {
  it('writes [CLS] A [SEP] B [SEP] with type ids 0 for the first segment and 1 for the second', () => {
    const { encodings } = formatPairs(fixtureTokenizer, [['The cat sat.', 'A dog ran fast!']]);
    expect(showSegments(fixtureTokenizer, encodings[0]!)).toBe(
      '[CLS]/0 the/0 cat/0 sat/0 ./0 [SEP]/0 a/1 dog/1 ran/1 fast/1 !/1 [SEP]/1',
    );
    expect(encodings[0]!.ids.slice(0, 6)).toEqual([2, 5, 28, 31, 100, 3]);
  });

  it('pads to the longest pair and collates [batch, seq] tensors with token_type_ids', () => {
    const { encodings, batch } = formatPairs(fixtureTokenizer, [
      ['The cat sat.', 'A dog ran.'],
      ['Paris.', 'London.'],
    ]);
    // Longest: [CLS] the cat sat . [SEP] a dog ran . [SEP] = 11 tokens; the second has 7 and gets 4 pads.
    expect(batch.input_ids.dims).toEqual([2, 11]);
    expect(batch.token_type_ids?.dims).toEqual([2, 11]);
    expect(encodings[1]!.ids).toHaveLength(7);
    expect(Array.from(batch.attention_mask.data.slice(11), Number)).toEqual([
      1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0,
    ]);
    expect(Array.from(batch.token_type_ids!.data.slice(11), Number)).toEqual([
      0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0,
    ]);
  });

  it("gives the same ids and type ids as the trained tokenizer's own pair template (what SequenceClassifier feeds)", async () => {
    const tokenizer = await trainTokenizer(mobyDickParagraphs(3), 600);
    expect(tokenizer.getVocabSize()).toBeLessThanOrEqual(600);
    const pair = ['Call me Ishmael.', 'Some years ago I went to sea.'] as const;
    const [formatted] = formatPairs(tokenizer, [pair]).encodings;
    const own = tokenizer.encode(pair[0], pair[1]);
    expect(formatted!.ids).toEqual(own.ids);
    expect(formatted!.typeIds).toEqual(own.typeIds);
  });
});

describe('classifying the collated batch', () => {
  it('gives the same logits as SequenceClassifier on the raw pairs', async () => {
    const model = await createSession(
      fileURLToPath(
        new URL('../../../packages/inference/fixtures/bert-tiny-cls/model.onnx', import.meta.url),
      ),
    );
    try {
      const pairs = [
        ['The cat sat.', 'A dog ran fast!'],
        ['Paris is in France.', 'London is in England.'],
      ] as const;
      const { batch } = formatPairs(fixtureTokenizer, pairs);
      const direct = (await model.run({ ...batch }))['logits']!;
      expect(direct.dims).toEqual([2, 3]);
      const results = await new SequenceClassifier(model, fixtureTokenizer).classify(pairs);
      results.forEach((r, i) =>
        r.logits.forEach((v, k) => expect(v).toBeCloseTo(direct.data[i * 3 + k] as number, 5)),
      );
    } finally {
      await model.dispose();
    }
  });
});
