import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { corpusLines, hf } from './hf-oracle';
import { saveTokenizerJson } from './save-tokenizer-json';
import { trainBpe } from './train-bpe';
import { trainByteLevelBpe } from './train-byte-level-bpe';
import { trainUnigram } from './train-unigram';
import { trainWordPiece } from './train-wordpiece';
import type { TrainedTokenizerJson, TrainingProgress } from './types';

// Training with the oracle on a shared 2-core machine can take a few seconds per test.
vi.setConfig({ testTimeout: 60_000 });

const lines = corpusLines(120_000);
const sample = lines.slice(0, 800);
const dir = mkdtempSync(join(tmpdir(), 'nlpft-trainers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* asyncLines(): AsyncGenerator<string> {
  for (const l of lines) {
    await Promise.resolve();
    yield l;
  }
}

/** What the Hugging Face library writes back after loading our file: it must be our file. */
function hfRoundTrip(json: TrainedTokenizerJson): unknown {
  const path = join(dir, `rt-${Math.random().toString(36).slice(2)}.json`);
  hf().Tokenizer.fromString(JSON.stringify(json)).save(path);
  return JSON.parse(readFileSync(path, 'utf8'));
}

const cases: [string, () => Promise<TrainedTokenizerJson>][] = [
  ['trainWordPiece', () => trainWordPiece(lines, { vocabSize: 3000 })],
  [
    'trainBpe',
    () => trainBpe(lines, { vocabSize: 3000, specialTokens: ['<unk>'], unkToken: '<unk>' }),
  ],
  [
    'trainBpe with endOfWordSuffix',
    () => trainBpe(lines, { vocabSize: 3000, endOfWordSuffix: '</w>', normalizer: 'bert' }),
  ],
  [
    'trainByteLevelBpe (GPT-2)',
    () => trainByteLevelBpe(lines, { vocabSize: 3000, specialTokens: ['<|endoftext|>'] }),
  ],
  [
    'trainByteLevelBpe (RoBERTa)',
    () =>
      trainByteLevelBpe(asyncLines(), {
        vocabSize: 3000,
        addPrefixSpace: true,
        specialTokens: ['<s>', '<pad>', '</s>', '<unk>', '<mask>'],
      }),
  ],
  [
    'trainUnigram',
    () => trainUnigram(lines, { vocabSize: 2000, specialTokens: ['<pad>', '</s>'] }),
  ],
];

describe.each(cases)('%s', (_name, train) => {
  let json: TrainedTokenizerJson;
  it('writes a tokenizer.json the Hugging Face library loads and saves back unchanged', async () => {
    json = await train();
    const back = hfRoundTrip(json) as TrainedTokenizerJson;
    if (json.model.type === 'Unigram' && back.model.type === 'Unigram') {
      // serde_json parses floats to within one ulp, so Hugging Face's load + save moves the last digit.
      const scores = back.model.vocab.map(([, s]) => s);
      json.model.vocab.forEach(([, s], i) => expect(scores[i]).toBeCloseTo(s, 12));
      expect(back.model.vocab.map(([p]) => p)).toEqual(json.model.vocab.map(([p]) => p));
      expect({ ...back, model: { ...back.model, vocab: [] } }).toEqual({
        ...json,
        model: { ...json.model, vocab: [] },
      });
    } else {
      expect(back).toEqual(json);
    }
  });

  it('encodes the corpus with the Hugging Face library without unknown tokens where the model has bytes or all characters', async () => {
    const tok = hf().Tokenizer.fromString(JSON.stringify(json));
    const encodings = await tok.encodeBatch(sample);
    const unk =
      json.model.type === 'WordPiece'
        ? json.model.unk_token
        : json.model.type === 'BPE'
          ? json.model.unk_token
          : json.model.unk_id === null
            ? null
            : json.model.vocab[json.model.unk_id]?.[0];
    let unknown = 0;
    let tokens = 0;
    for (const e of encodings) {
      tokens += e.getLength();
      for (const t of e.getTokens()) if (t === unk) unknown++;
    }
    expect(tokens).toBeGreaterThan(sample.length);
    // Every training character is in the vocabulary (WordPiece: limitAlphabet 1000 may drop rare ones).
    expect(unknown / tokens).toBeLessThan(json.model.type === 'WordPiece' ? 0.01 : 1e-9);
    // Decoding gives back the text up to normalization for byte-level BPE.
    if (json.decoder?.type === 'ByteLevel' && json.normalizer === null) {
      const first = encodings[0];
      if (first) {
        const ids = first.getIds();
        const text = await tok.decode(ids, true);
        expect(text.trim()).toBe((sample[0] ?? '').trim());
      }
    }
  });
});

describe('trainWordPiece', () => {
  it('reports progress through onProgress with counts and an ETA', async () => {
    const seen: TrainingProgress[] = [];
    await trainWordPiece(lines.slice(0, 300), {
      vocabSize: 800,
      onProgress: (p) => seen.push(p),
      progressIntervalMs: 0,
    });
    const phases = new Set(seen.map((p) => p.phase));
    expect([...phases]).toEqual(expect.arrayContaining(['read', 'alphabet', 'merge']));
    const merges = seen.filter((p) => p.phase === 'merge');
    expect(merges.at(-1)?.done).toBeGreaterThan(0);
    expect(merges.some((p) => p.etaMs !== undefined)).toBe(true);
  });

  it('prints progress lines to stderr with showProgress', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await trainWordPiece(lines.slice(0, 100), { vocabSize: 300, showProgress: true });
      const printed = spy.mock.calls.map((c) => String(c[0]));
      expect(printed.some((l) => /^\[\d+\.\ds\] merge \d+\/\d+/.test(l))).toBe(true);
      expect(printed.at(-1)).toMatch(/done 1\/1/);
    } finally {
      spy.mockRestore();
    }
  });

  it('uses the BERT template post-processor with the trained ids', async () => {
    const json = await trainWordPiece(lines.slice(0, 200), { vocabSize: 500 });
    const tok = hf().Tokenizer.fromString(JSON.stringify(json));
    const e = await tok.encode('hello world', 'again');
    expect(e.getTokens()[0]).toBe('[CLS]');
    expect(e.getTypeIds().at(-1)).toBe(1);
    expect(json.added_tokens.map((t) => t.content)).toEqual([
      '[PAD]',
      '[UNK]',
      '[CLS]',
      '[SEP]',
      '[MASK]',
    ]);
  });

  it('rejects non-iterable or non-string input with INVALID_INPUT', async () => {
    await expect(trainWordPiece('just a string')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(trainWordPiece([1, 2] as unknown as string[])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('rejects an unknown normalizer preset with INVALID_OPTION', async () => {
    await expect(
      trainWordPiece(['a'], { normalizer: 'nope' as unknown as 'bert' }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});

describe('saveTokenizerJson', () => {
  it('writes the file atomically, leaving no temporary file', async () => {
    const path = join(dir, 'saved.json');
    const json = await trainBpe(['low lower lowest'], { vocabSize: 20 });
    await saveTokenizerJson(path, json);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(json);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(hf().Tokenizer.fromFile(path).getVocabSize()).toBe(Object.keys(json.model.vocab).length);
  });

  it('fails with FILE_ERROR when the folder does not exist', async () => {
    await expect(saveTokenizerJson(join(dir, 'missing', 'x.json'), {})).rejects.toMatchObject({
      code: 'FILE_ERROR',
    });
  });
});
