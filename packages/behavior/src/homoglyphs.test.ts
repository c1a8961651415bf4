import { describe, expect, it } from 'vitest';
import { HOMOGLYPHS, homoglyphs } from './homoglyphs';
import {
  drawsRng,
  expectSeeded,
  hasLoneSurrogate,
  outputsBySeed,
} from './perturbation.test-helper';

describe('HOMOGLYPHS', () => {
  it('maps single Latin letters to single Cyrillic or Greek letters', () => {
    for (const [latin, lookalikes] of Object.entries(HOMOGLYPHS)) {
      expect(latin).toMatch(/^[A-Za-z]$/);
      for (const l of lookalikes) expect(l).toMatch(/^[\p{Script=Cyrillic}\p{Script=Greek}]$/u);
    }
  });
});

describe('homoglyphs', () => {
  it('replaces the drawn letter with the drawn look-alike', () => {
    // candidates c (0), a (1); 't' has none; draw 0.5 → 'a' → Cyrillic а (U+0430)
    expect(homoglyphs('cat', drawsRng([0.5, 0]))).toBe('c\u0430t');
    // 'O' has Cyrillic О and Greek Ο; draw 0.5 → the Greek one
    expect(homoglyphs('O', drawsRng([0, 0.5]))).toBe('\u039f');
  });

  it('is null when no letter has a look-alike', () => {
    for (const text of ['', 'tlmn', '123']) expect(homoglyphs(text, drawsRng([]))).toBeNull();
  });

  it('changes the code points but not the length, and NFKC does not undo it', () => {
    for (const out of outputsBySeed(homoglyphs, 'Paypal account')) {
      expect(out).not.toBe('Paypal account');
      expect(out!.length).toBe('Paypal account'.length);
      expect(out!.normalize('NFKC')).not.toBe('Paypal account');
      expect(hasLoneSurrogate(out!)).toBe(false);
    }
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(homoglyphs, 'Paypal account');
  });
});
