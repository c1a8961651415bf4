import { describe, expect, it } from 'vitest';
import { KEYBOARD_NEIGHBOURS } from './keyboard-neighbours';
import {
  drawsRng,
  expectSeeded,
  hasLoneSurrogate,
  outputsBySeed,
} from './perturbation.test-helper';
import { typoKeyboard } from './typo-keyboard';

describe('KEYBOARD_NEIGHBOURS', () => {
  it('lists QWERTY neighbours left, right, above, below', () => {
    expect(KEYBOARD_NEIGHBOURS.get('s')).toEqual(['a', 'd', 'w', 'e', 'z', 'x']);
    expect(KEYBOARD_NEIGHBOURS.get('q')).toEqual(['w', 'a']);
    expect(KEYBOARD_NEIGHBOURS.get('p')).toEqual(['o', 'l']);
    expect(KEYBOARD_NEIGHBOURS.get('m')).toEqual(['n', 'j', 'k']);
  });

  it('covers all 26 letters, symmetrically', () => {
    expect([...KEYBOARD_NEIGHBOURS.keys()].sort().join('')).toBe('abcdefghijklmnopqrstuvwxyz');
    for (const [key, around] of KEYBOARD_NEIGHBOURS) {
      for (const other of around) expect(KEYBOARD_NEIGHBOURS.get(other)).toContain(key);
    }
  });
});

describe('typoKeyboard', () => {
  it('replaces the drawn letter with the drawn neighbour', () => {
    // letters c, a, t; draw 0.5 → index 1 ('a'); a's neighbours s, q, w, z; draw 0 → 's'
    expect(typoKeyboard('cat', drawsRng([0.5, 0]))).toBe('cst');
    expect(typoKeyboard('cat', drawsRng([0.5, 0.99]))).toBe('czt');
  });

  it('keeps the case of the letter', () => {
    expect(typoKeyboard('CAT', drawsRng([0.5, 0]))).toBe('CST');
  });

  it('is null without an ASCII letter', () => {
    expect(typoKeyboard('', drawsRng([]))).toBeNull();
    expect(typoKeyboard('123 !?', drawsRng([]))).toBeNull();
    expect(typoKeyboard('éü', drawsRng([]))).toBeNull();
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(typoKeyboard, 'the movie was great');
  });

  it('leaves emoji whole', () => {
    for (const out of outputsBySeed(typoKeyboard, '😀a😀b')) {
      expect(hasLoneSurrogate(out!)).toBe(false);
      expect(out!.startsWith('😀')).toBe(true);
    }
  });
});
