import { describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { readFixtureTokenizer, fixturePath } from '@nlpft/test-utils';
import { Tokenizer } from './tokenizer';
import { scanTokenizerJson } from './scan-tokenizer-json';
import { parityCorpus } from './parity-corpus.test-helper';

const models = readdirSync(fixturePath('tokenizers')).filter((m) =>
  statSync(fixturePath('tokenizers', m)).isDirectory(),
);
const lines = parityCorpus(60);

/** What loading gives: the tokenizer's encodings and vocabulary, or the error's code and message. */
function outcome(load: () => Tokenizer, texts: readonly string[]): unknown {
  let tok: Tokenizer;
  try {
    tok = load();
  } catch (e) {
    const err = e as { code?: string; message: string };
    return { code: err.code, message: err.code === 'INVALID_JSON' ? '' : err.message };
  }
  const encodings = texts.map((t) => {
    try {
      return tok.encode(t);
    } catch (e) {
      return (e as { code?: string }).code;
    }
  });
  const size = tok.getVocabSize(false);
  const tokens = Array.from({ length: size + 2 }, (_, id) => tok.idToToken(id));
  return { encodings, vocab: tok.getVocab(), size, tokens };
}

/** Loading through the scanners must equal JSON.parse then fromJSON: the reference path. */
function expectSameAsJsonParse(text: string, texts: readonly string[] = lines.slice(0, 40)): void {
  const reference = outcome(() => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw Object.assign(new Error(''), { code: 'INVALID_JSON' });
    }
    return Tokenizer.fromJSON(parsed);
  }, texts);
  expect(outcome(() => Tokenizer.fromString(text), texts)).toEqual(reference);
}

const wordPiece = (vocab: string): string =>
  `{"normalizer":{"type":"BertNormalizer"},"pre_tokenizer":{"type":"BertPreTokenizer"},"model":{"type":"WordPiece","unk_token":"[UNK]","vocab":${vocab}}}`;
const bpe = (vocab: string, merges: string): string =>
  `{"pre_tokenizer":{"type":"Whitespace"},"model":{"type":"BPE","unk_token":"<unk>","vocab":${vocab},"merges":${merges}}}`;
const unigram = (vocab: string): string =>
  `{"pre_tokenizer":{"type":"Metaspace","replacement":"▁"},"model":{"type":"Unigram","unk_id":0,"vocab":${vocab}}}`;
const words = ['hello world', 'ab abc bca', 'a\\"b', '😀 x'];

describe('scanTokenizerJson', () => {
  it.each(models)('%s: scanned, and loads exactly as JSON.parse + fromJSON', (model) => {
    const text = readFixtureTokenizer(model);
    expect(scanTokenizerJson(text)).not.toBeNull();
    expectSameAsJsonParse(text);
  });

  it.each([
    ['WordPiece', wordPiece('{"[UNK]":0,"hello":1,"world":2,"##o":3,"a":4}')],
    ['WordPiece with escaped keys', wordPiece('{"[UNK]":0,"\\"":1,"\\u0061":2,"\\\\":3}')],
    ['WordPiece with a repeated key', wordPiece('{"[UNK]":0,"a":1,"b":2,"a":3}')],
    ['WordPiece with float ids', wordPiece('{"[UNK]":0.0,"a":1e0,"b":2}')],
    ['WordPiece with negative ids', wordPiece('{"[UNK]":0,"a":-1}')],
    ['WordPiece with an array vocab', wordPiece('[["a", 0]]')],
    ['BPE', bpe('{"<unk>":0,"a":1,"b":2,"c":3,"ab":4,"abc":5}', '["a b","ab c"]')],
    ['BPE with pair merges', bpe('{"<unk>":0,"a":1,"b":2,"ab":3}', '[["a","b"]]')],
    ['BPE with a merge of an unknown token', bpe('{"<unk>":0,"a":1,"b":2}', '["a q"]')],
    ['BPE with an unknown merged token', bpe('{"<unk>":0,"a":1,"b":2}', '["a b"]')],
    ['BPE with a three-part merge', bpe('{"<unk>":0,"a":1,"b":2,"ab":3}', '["a b","a b c"]')],
    ['BPE with a non-string merge', bpe('{"<unk>":0,"a":1}', '[1]')],
    ['BPE with escaped merges', bpe('{"<unk>":0,"\\"":1,"b":2,"\\"b":3}', '["\\" b"]')],
    ['Unigram', unigram('[["<unk>",0],["▁hello",-1.5],["▁",-2],["o",-3e0],["h",-4]]')],
    ['Unigram with a repeated piece', unigram('[["<unk>",0],["▁",-1],["▁",-2]]')],
    ['Unigram with a bad score', unigram('[["<unk>",0],["▁","x"]]')],
    [
      'a repeated vocab key',
      wordPiece('{"[UNK]":0}').replace('"vocab"', '"vocab":{"x":0},"vocab"'),
    ],
    ['an escaped key name', wordPiece('{"[UNK]":0,"a":1}').replace('"vocab"', '"voc\\u0061b"')],
    [
      'a repeated model key',
      `${wordPiece('{"[UNK]":0}').slice(0, -1)},"model":{"type":"WordLevel","vocab":{"a":0}}}`,
    ],
    ['trailing text', `${wordPiece('{"[UNK]":0}')} x`],
    ['a truncated vocabulary', wordPiece('{"[UNK]":0,"a":1').slice(0, -2)],
    ['a missing comma in the vocabulary', wordPiece('{"[UNK]":0 "a":1}')],
    [
      'a broken section before the model',
      `{"normalizer":{"type":"Lowercase",},"model":{"vocab":{"a":0}}}`,
    ],
  ])('%s: same tokenizer or same error as JSON.parse + fromJSON', (_, text) => {
    expectSameAsJsonParse(text, words);
  });

  it('a truncated shared file fails as invalid JSON', () => {
    const text = readFixtureTokenizer('bert-base-uncased');
    expect(() => Tokenizer.fromString(text.slice(0, text.length >> 1))).toThrow(
      expect.objectContaining({ code: 'INVALID_JSON' }),
    );
  });
});
