import { readFixtureTokenizer } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { forEachGrapheme } from './graphemes';
import { comparable, firstDiff, fromOracle, hf } from './oracle.test-helper';
import { mulberry32 } from '@nlpft/test-utils';
import { Tokenizer } from './tokenizer';

const whole = (text: string): string[] =>
  [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
const windowed = (text: string, window?: number): string[] => {
  const out: string[] = [];
  forEachGrapheme(text, (g) => out.push(g), window);
  return out;
};

// Pieces whose clusters span several code units or depend on their neighbours: ZWJ emoji sequences, skin tones,
// flags (regional-indicator pairs), combining marks, CR LF, Hangul jamo, variation selectors, prepend marks.
const PIECES = [
  'a',
  ' ',
  '\r',
  '\n',
  '\u0301',
  '\u0308',
  '\u200d',
  '\ufe0f',
  '👩',
  '👨',
  '👧',
  '🏽',
  '🇩',
  '🇪',
  '🇫',
  '😀',
  'ᄀ',
  'ᅡ',
  'ᆨ',
  '가',
  '\u0600',
  'ก',
  '\u0e33',
  'é',
  '\ud83d',
];

describe('forEachGrapheme', () => {
  it('finds the clusters one Intl.Segmenter call finds, at every window size', () => {
    const r = mulberry32(2026);
    for (let t = 0; t < 2000; t++) {
      const n = 1 + Math.floor(r() * 60);
      let text = '';
      for (let i = 0; i < n; i++) text += PIECES[Math.floor(r() * PIECES.length)];
      const expected = whole(text);
      for (const window of [1, 2, 3, 7, 256]) expect(windowed(text, window)).toEqual(expected);
    }
  });

  it('keeps a cluster longer than the window whole (a base with 5,000 combining marks)', () => {
    const text = 'x' + 'a' + '\u0301'.repeat(5000) + 'b';
    expect(windowed(text).map((g) => g.length)).toEqual([1, 5001, 1]);
  });

  it('is linear: 160 KB of emoji in well under a second (one segment() call: about 25 s)', () => {
    const text = '😀'.repeat(40_960);
    const started = performance.now();
    let count = 0;
    forEachGrapheme(text, () => count++);
    expect(count).toBe(40_960);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('t5-small on a long run of emoji (the precompiled charsmap normalizer segments graphemes)', () => {
  it('encodes 160 KB without a hang and as the Hugging Face binding does', async () => {
    const json = readFixtureTokenizer('t5-small');
    const text = '😀'.repeat(40_960);
    const started = performance.now();
    const ours = Tokenizer.fromString(json).encode(text);
    const seconds = (performance.now() - started) / 1000;
    const oracle = fromOracle(await hf.Tokenizer.fromString(json).encode(text), text);
    expect(firstDiff(comparable(ours), oracle)).toBeNull();
    expect(ours.ids).toHaveLength(3);
    expect(seconds).toBeLessThan(10); // before: 10–111 s; now about 0.1 s
  }, 60_000);
});
