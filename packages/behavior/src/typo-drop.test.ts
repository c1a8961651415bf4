import { describe, expect, it } from 'vitest';
import {
  drawsRng,
  expectSeeded,
  hasLoneSurrogate,
  outputsBySeed,
} from './perturbation.test-helper';
import { typoDrop } from './typo-drop';

describe('typoDrop', () => {
  it('drops the drawn letter', () => {
    // candidates 0..3; draw 0.5 → index 2 ('c')
    expect(typoDrop('abcd', drawsRng([0.5]))).toBe('abd');
  });

  it('keeps one-letter words', () => {
    // only 'b' and 'c' are candidates; draw 0 → 'b'
    expect(typoDrop('a bc', drawsRng([0]))).toBe('a c');
  });

  it('is null when no word has two letters', () => {
    for (const text of ['', 'a b c', '12 34']) expect(typoDrop(text, drawsRng([]))).toBeNull();
  });

  it('drops a whole grapheme cluster', () => {
    expect(typoDrop('e\u0301x', drawsRng([0]))).toBe('x');
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(typoDrop, 'the movie was great');
  });

  it('never leaves a lone surrogate', () => {
    for (const out of outputsBySeed(typoDrop, '𝒜𝒷𝒸 😀')) expect(hasLoneSurrogate(out!)).toBe(false);
  });
});
