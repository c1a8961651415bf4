import { readFixtureTokenizer } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { NormalizedString } from './normalized-string';
import { unicodeNormalize } from './normalizers/unicode-normalize';
import { comparable, firstDiff, fromOracle, hf } from './oracle.test-helper';
import { mulberry32 } from '@nlpft/test-utils';
import { Tokenizer } from './tokenizer';

// Bases that compose, and marks of many combining classes: 230 above (U+0301, U+0308), 220 below (U+0323),
// 202 (U+0327 cedilla), 1 overlay (U+0334), 240 (U+0345), 9 virama (U+094D), 7 nukta (U+093C), and class 0
// nonspacing marks that block composition (U+034F grapheme joiner, U+093A), plus Hangul jamo and precomposed text.
const PIECES = [
  'a',
  'e',
  'o',
  'u',
  'A',
  'O',
  'ω',
  'क',
  'ᄀ',
  'ᅡ',
  'ᆨ',
  'é',
  'ǖ',
  'Å',
  ' ',
  '\u212b',
  '\u0301',
  '\u0308',
  '\u0323',
  '\u0327',
  '\u0334',
  '\u0345',
  '\u094d',
  '\u093c',
  '\u034f',
  '\u093a',
  '\u0300',
];

function randomText(r: () => number, max: number): string {
  let text = '';
  const n = 1 + Math.floor(r() * max);
  for (let i = 0; i < n; i++) text += PIECES[Math.floor(r() * PIECES.length)];
  return text;
}

describe('unicodeNormalize', () => {
  it('gives the text String.prototype.normalize gives, in every form, on random mark sequences', () => {
    const r = mulberry32(61);
    for (let t = 0; t < 3000; t++) {
      const text = randomText(r, 24);
      for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD'] as const) {
        const n = new NormalizedString(text, null, 0, 0);
        unicodeNormalize(n, form);
        expect(n.text, `${form} of ${JSON.stringify(text)}`).toBe(text.normalize(form));
      }
    }
  });

  it('aligns as the Hugging Face binding does (clip: NFC), on random mark sequences', async () => {
    const json = readFixtureTokenizer('clip-vit-base-patch32');
    const ours = Tokenizer.fromString(json);
    const oracle = hf.Tokenizer.fromString(json);
    const r = mulberry32(62);
    for (let t = 0; t < 300; t++) {
      const text = randomText(r, 40);
      const expected = fromOracle(await oracle.encode(text), text);
      expect(firstDiff(comparable(ours.encode(text)), expected), JSON.stringify(text)).toBeNull();
    }
  });

  it('is linear in a run of combining marks: clip on 80 KB of them (before: 52 s)', async () => {
    const json = readFixtureTokenizer('clip-vit-base-patch32');
    const text = 'a' + '\u0301'.repeat(40_000);
    const started = performance.now();
    const ours = Tokenizer.fromString(json).encode(text);
    const seconds = (performance.now() - started) / 1000;
    const expected = fromOracle(await hf.Tokenizer.fromString(json).encode(text), text);
    expect(firstDiff(comparable(ours), expected)).toBeNull();
    expect(seconds).toBeLessThan(10);
  }, 60_000);
});
