import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFixtureTokenizer, fixturePath } from '@nlpft/test-utils';
import { Tokenizer } from './tokenizer';
import { Tokenizer as NodeTokenizer } from './node';
import { TokenizerError } from './errors';
import { parityCorpus, randomUnicode } from './parity-corpus.test-helper';
import { mulberry32 } from '@nlpft/test-utils';
import { comparable, firstDiff, fromOracle, hf } from './oracle.test-helper';
import type { TokenizerJson } from './types';

const bertJson = readFixtureTokenizer('bert-base-uncased');
const gpt2Json = readFixtureTokenizer('gpt2');
const bert = Tokenizer.fromString(bertJson);
const code = (c: string): Error => expect.objectContaining({ code: c }) as Error;

describe('Tokenizer API', () => {
  it('encodes like the Hugging Face example and slices back to the text with UTF-16 offsets', () => {
    const text = 'Hello, y’all! 😀 naïve';
    const e = bert.encode(text);
    expect(e.tokens[0]).toBe('[CLS]');
    for (let i = 0; i < e.ids.length; i++) {
      const [s, t] = e.offsets[i]!;
      if (e.specialTokensMask[i] === 1) continue;
      // Uncased BERT lowercases and strips accents: compare the normalized forms.
      const piece = text
        .slice(s, t)
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{Mn}/gu, '');
      const tok = e.tokens[i]!.replace(/^##/, '');
      expect(tok === '[UNK]' || piece.includes(tok)).toBe(true);
    }
  });

  it('tokenToId returns undefined for unknown tokens and idToToken undefined out of range', () => {
    expect(bert.tokenToId('[CLS]')).toBe(101);
    expect(bert.tokenToId('definitely-not-a-token')).toBeUndefined();
    expect(bert.idToToken(101)).toBe('[CLS]');
    expect(bert.idToToken(10 ** 9)).toBeUndefined();
  });

  it('reports vocabulary size, added and special tokens as the oracle does', () => {
    const oracle = hf.Tokenizer.fromString(gpt2Json);
    const gpt2 = Tokenizer.fromString(gpt2Json);
    expect(gpt2.getVocabSize(true)).toBe(oracle.getVocabSize(true));
    expect(gpt2.getVocabSize(false)).toBe(oracle.getVocabSize(false));
    expect(gpt2.getSpecialTokens()).toEqual(['<|endoftext|>']);
    expect(bert.getAddedTokens().map((t) => t.content)).toEqual([
      '[PAD]',
      '[UNK]',
      '[CLS]',
      '[SEP]',
      '[MASK]',
    ]);
  });

  it('enableTruncation/enablePadding/encodeBatch match the oracle’s setTruncation/setPadding', async () => {
    const ours = Tokenizer.fromString(bertJson);
    const oracle = hf.Tokenizer.fromString(bertJson);
    ours.enableTruncation(16);
    oracle.setTruncation(16);
    ours.enablePadding({ padToMultipleOf: 8 });
    oracle.setPadding({ padToMultipleOf: 8 });
    const lines = parityCorpus(5, 3).slice(0, 60);
    const want = await oracle.encodeBatch(lines);
    const got = ours.encodeBatch(lines);
    got.forEach((g, i) =>
      expect(firstDiff(fromOracle(want[i]!, lines[i]!), comparable(g))).toBeNull(),
    );
    ours.noTruncation();
    ours.noPadding();
    expect(ours.encode(lines[40]!).ids.length).toBe(
      Tokenizer.fromString(bertJson).encode(lines[40]!).ids.length,
    );
  });

  it('decodes with and without special tokens, and decodeBatch maps decode', () => {
    const ids = bert.encode('Hello world!').ids;
    expect(bert.decode(ids)).toBe('hello world!');
    expect(bert.decode(ids, { skipSpecialTokens: false })).toBe('[CLS] hello world! [SEP]');
    expect(bert.decodeBatch([ids, ids], true)).toEqual(['hello world!', 'hello world!']);
  });

  it('code-point offsets count an emoji as one, UTF-16 offsets as two', () => {
    const gpt2 = Tokenizer.fromString(gpt2Json);
    const text = '😀 ok';
    expect(gpt2.encode(text).offsets.at(-1)).toEqual([2, 5]);
    expect(gpt2.encode(text, null, { offsetType: 'codePoint' }).offsets.at(-1)).toEqual([1, 4]);
  });

  it('builds BERT from vocab.txt and GPT-2 from vocab.json + merges.txt, encoding as the shared files do', async () => {
    const bj = JSON.parse(bertJson) as TokenizerJson;
    const vocab = bj.model.vocab as Record<string, number>;
    const lines = Object.entries(vocab)
      .sort((a, b) => a[1] - b[1])
      .map(([k]) => k);
    const fromTxt = Tokenizer.fromWordPieceVocab(lines.join('\n') + '\n');
    const gj = JSON.parse(gpt2Json) as TokenizerJson;
    const merges = '#version: 0.2\n' + (gj.model.merges as string[]).join('\n') + '\n';
    const fromFiles = Tokenizer.fromByteLevelBpe(JSON.stringify(gj.model.vocab), merges);
    const dir = mkdtempSync(join(tmpdir(), 'nlpft-tok-'));
    writeFileSync(join(dir, 'vocab.txt'), lines.join('\n') + '\n');
    writeFileSync(join(dir, 'vocab.json'), JSON.stringify(gj.model.vocab));
    writeFileSync(join(dir, 'merges.txt'), merges);
    const fromDisk = NodeTokenizer.fromVocabTxtFile(join(dir, 'vocab.txt'));
    const bpeDisk = NodeTokenizer.fromBpeFiles(join(dir, 'vocab.json'), join(dir, 'merges.txt'));
    const ob = hf.Tokenizer.fromString(bertJson);
    const og = hf.Tokenizer.fromString(gpt2Json);
    for (const text of parityCorpus(20, 5)) {
      const wb = fromOracle(await ob.encode(text), text);
      expect(firstDiff(wb, comparable(fromTxt.encode(text)))).toBeNull();
      expect(firstDiff(wb, comparable(fromDisk.encode(text)))).toBeNull();
      const wg = fromOracle(await og.encode(text), text);
      expect(firstDiff(wg, comparable(fromFiles.encode(text)))).toBeNull();
      expect(firstDiff(wg, comparable(bpeDisk.encode(text)))).toBeNull();
    }
  });

  it('fromFile (core and node subpath) reads a tokenizer.json', () => {
    const p = fixturePath('tokenizers', 'bert-base-uncased', 'tokenizer.json');
    expect(NodeTokenizer.fromFile(p).encode('hi').ids).toEqual(bert.encode('hi').ids);
    expect(Tokenizer.fromFile(p)).toBeInstanceOf(Tokenizer);
  });

  it('addTokens/addSpecialTokens register tokens matched before the model, with HF ids', async () => {
    const ours = Tokenizer.fromString(bertJson);
    const oracle = hf.Tokenizer.fromString(bertJson);
    expect(ours.addTokens(['<ent>', 'hello'])).toBe(2);
    oracle.addTokens(['<ent>', 'hello']);
    ours.addSpecialTokens(['<sp>']);
    oracle.addSpecialTokens(['<sp>']);
    const text = 'say hello to <ent> and <sp>!';
    expect(ours.encode(text).ids).toEqual((await oracle.encode(text)).getIds());
    expect(ours.tokenToId('<sp>')).toBe(oracle.tokenToId('<sp>'));
  });
});

describe('robustness', () => {
  const models = [
    'bert-base-uncased',
    'gpt2',
    't5-small',
    'phi-3-mini-4k-instruct',
    'clip-vit-base-patch32',
  ];
  it.each(models)(
    '%s: seeded random Unicode never throws and offsets stay inside the text, ordered',
    (m) => {
      const tok = Tokenizer.fromString(readFixtureTokenizer(m));
      const r = mulberry32(1234);
      for (let k = 0; k < 300; k++) {
        const text = randomUnicode(r, 60);
        const pair = k % 4 === 0 ? randomUnicode(r, 20) : undefined;
        const e = tok.encode(text, pair);
        expect(e.ids.length).toBe(e.offsets.length);
        e.offsets.forEach(([s, t], i) => {
          const src = e.sequenceIds[i] === 1 ? pair! : text;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(t).toBeGreaterThanOrEqual(s);
          expect(t).toBeLessThanOrEqual(src.length);
        });
        expect(typeof tok.decode(e.ids)).toBe('string');
      }
    },
  );

  // One model per type (WordPiece, byte-level BPE, Unigram, byte-fallback BPE) for the 1 MB case.
  it.each(models.slice(0, 4))(
    '%s: survives 1 MB without spaces, a long word, NUL and lone surrogates',
    async (m) => {
      await new Promise((r) => setTimeout(r, 10));
      const tok = Tokenizer.fromString(readFixtureTokenizer(m));
      const big = 'ab'.repeat(500_000);
      const e = tok.encode(big);
      await new Promise((r) => setTimeout(r, 10));
      expect(e.ids.length).toBeGreaterThan(0);
      expect(e.offsets.at(-1)![1]).toBeLessThanOrEqual(big.length);
      for (const s of ['\u0000\u0000x', '\ud800 lone \udfff', 'x'.repeat(5000), '\ud83d']) {
        const r = tok.encode(s);
        for (const [a, b] of r.offsets) expect(b >= a && b <= s.length).toBe(true);
      }
    },
    120_000,
  );
});

describe('errors', () => {
  it('INVALID_JSON for text that is not JSON', () => {
    expect(() => Tokenizer.fromString('{nope')).toThrow(code('INVALID_JSON'));
  });

  it('INVALID_FIELD names the JSON path of a malformed field', () => {
    const j = JSON.parse(bertJson) as TokenizerJson;
    expect(() =>
      Tokenizer.fromJSON({ ...j, model: { ...j.model, type: 'WordPiece', vocab: [] as never } }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_FIELD',
        message: expect.stringContaining('model.vocab') as string,
      }),
    );
    expect(() =>
      Tokenizer.fromJSON({ ...j, model: { type: 'BPE', vocab: { a: 0 }, merges: ['a b c'] } }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_FIELD',
        message: expect.stringContaining('model.merges[0]') as string,
      }),
    );
  });

  it('UNSUPPORTED_TYPE names the path and lists the supported types', () => {
    const j = JSON.parse(bertJson) as TokenizerJson;
    const bad = { ...j, pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'Nope' }] } };
    expect(() => Tokenizer.fromJSON(bad)).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_TYPE',
        message: expect.stringMatching(
          /pre_tokenizer\.pretokenizers\[0\]\.type.*BertPreTokenizer/,
        ) as string,
      }),
    );
    expect(() => Tokenizer.fromJSON({ ...j, normalizer: { type: 'X' } })).toThrow(
      code('UNSUPPORTED_TYPE'),
    );
    expect(() => Tokenizer.fromJSON({ ...j, decoder: { type: 'X' } })).toThrow(
      code('UNSUPPORTED_TYPE'),
    );
    expect(() => Tokenizer.fromJSON({ ...j, post_processor: { type: 'X' } })).toThrow(
      code('UNSUPPORTED_TYPE'),
    );
    expect(() => Tokenizer.fromJSON({ ...j, model: { ...j.model, type: 'X' } })).toThrow(
      code('UNSUPPORTED_TYPE'),
    );
  });

  it('UNKNOWN_TOKEN when the unknown token is missing from the vocabulary', () => {
    const tok = Tokenizer.fromJSON({
      model: { type: 'WordPiece', vocab: { a: 0 }, unk_token: '[UNK]' },
    });
    expect(() => tok.encode('b')).toThrow(code('UNKNOWN_TOKEN'));
  });

  it('ID_OUT_OF_RANGE names the id in decode', () => {
    expect(() => bert.decode([101, 999999])).toThrow(
      expect.objectContaining({
        code: 'ID_OUT_OF_RANGE',
        message: expect.stringContaining('999999') as string,
      }),
    );
  });

  it('INVALID_OPTION for bad truncation/padding/offset settings', () => {
    const t = Tokenizer.fromString(bertJson);
    expect(() => t.enableTruncation(-1)).toThrow(code('INVALID_OPTION'));
    expect(() => t.enablePadding({ padToMultipleOf: 0 })).toThrow(code('INVALID_OPTION'));
    t.enableTruncation(1);
    expect(() => t.encode('hello')).toThrow(code('INVALID_OPTION'));
    expect(() => bert.encode('x', null, { offsetType: 'bytes' as never })).toThrow(
      code('INVALID_OPTION'),
    );
  });

  it('INVALID_INPUT when the text is not a string', () => {
    expect(() => bert.encode(42 as never)).toThrow(code('INVALID_INPUT'));
    expect(() => bert.encodeBatch('x' as never)).toThrow(code('INVALID_INPUT'));
  });

  it('FILE_ERROR when the file cannot be read', () => {
    expect(() => NodeTokenizer.fromFile('/nonexistent/tokenizer.json')).toThrow(code('FILE_ERROR'));
    expect(() => Tokenizer.fromFile('/nonexistent/tokenizer.json')).toThrow(code('FILE_ERROR'));
  });

  it('is a TokenizerError', () => {
    expect(() => Tokenizer.fromString('[')).toThrow(TokenizerError);
  });
});
