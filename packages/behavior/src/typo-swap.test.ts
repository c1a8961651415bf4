import { describe, expect, it } from 'vitest';
import {
  drawsRng,
  expectSeeded,
  hasLoneSurrogate,
  outputsBySeed,
} from './perturbation.test-helper';
import { typoSwap } from './typo-swap';

describe('typoSwap', () => {
  it('swaps the drawn adjacent pair', () => {
    // 'abcd' has pairs at 0, 1, 2: draw 0 → 0, 0.5 → 1, 0.99 → 2
    expect(typoSwap('abcd', drawsRng([0]))).toBe('bacd');
    expect(typoSwap('abcd', drawsRng([0.5]))).toBe('acbd');
    expect(typoSwap('abcd', drawsRng([0.99]))).toBe('abdc');
  });

  it('skips pairs of equal letters and pairs across a space', () => {
    expect(typoSwap('aab', drawsRng([0]))).toBe('aba');
    expect(typoSwap('ab cd', drawsRng([0.99]))).toBe('ab dc');
  });

  it('is null when no two adjacent letters differ', () => {
    for (const text of ['', 'a', 'aa', 'a b', '12'])
      expect(typoSwap(text, drawsRng([]))).toBeNull();
  });

  it('moves a letter with its combining accent', () => {
    expect(typoSwap('e\u0301a', drawsRng([0]))).toBe('ae\u0301');
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(typoSwap, 'the movie was great');
  });

  it('never splits a surrogate pair', () => {
    for (const out of outputsBySeed(typoSwap, '𝒜𝒷c😀d')) expect(hasLoneSurrogate(out!)).toBe(false);
  });
});
