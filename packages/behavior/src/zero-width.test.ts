import { describe, expect, it } from 'vitest';
import {
  drawsRng,
  expectSeeded,
  hasLoneSurrogate,
  outputsBySeed,
} from './perturbation.test-helper';
import { ZERO_WIDTH_CHARACTERS, zeroWidth } from './zero-width';

const strip = (s: string): string => s.replace(/[\u200b-\u200d\ufeff]/g, '');

describe('zeroWidth', () => {
  it('inserts the drawn character in the drawn gap', () => {
    expect(zeroWidth('ab', drawsRng([0, 0]))).toBe('a\u200bb');
    // gaps 1, 2; draw 0.99 → gap 2; characters ZWSP, ZWNJ, ZWJ, BOM; draw 0.99 → BOM
    expect(zeroWidth('abc', drawsRng([0.99, 0.99]))).toBe('ab\ufeffc');
  });

  it('inserts between grapheme clusters, never inside one', () => {
    // thumbs-up + skin tone is one cluster of four UTF-16 units
    // gap 1 is the only one; draw 0.3 → index 1 of four → ZWNJ
    expect(zeroWidth('👍🏽x', drawsRng([0, 0.3]))).toBe('👍🏽\u200cx');
    for (const out of outputsBySeed(zeroWidth, '𝒜👍🏽e\u0301z')) {
      expect(hasLoneSurrogate(out!)).toBe(false);
      expect(strip(out!)).toBe('𝒜👍🏽e\u0301z');
    }
  });

  it('is invisible to NFKC: normalisation keeps the character', () => {
    for (const ch of ZERO_WIDTH_CHARACTERS) expect(`a${ch}b`.normalize('NFKC')).toContain(ch);
  });

  it('is null for fewer than two graphemes', () => {
    for (const text of ['', 'a', '👍🏽']) expect(zeroWidth(text, drawsRng([]))).toBeNull();
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(zeroWidth, 'great film');
  });
});
