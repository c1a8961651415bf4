import { describe, expect, it } from 'vitest';
import { drawsRng, expectSeeded } from './perturbation.test-helper';
import { whitespace } from './whitespace';

describe('whitespace', () => {
  it('adds a space to the drawn run', () => {
    // runs after 'a' and after 'b'; draw 0 → first, 0.5 → second
    expect(whitespace('a b c', drawsRng([0]))).toBe('a  b c');
    expect(whitespace('a b c', drawsRng([0.5]))).toBe('a b  c');
    expect(whitespace('a\tb', drawsRng([0]))).toBe('a\t b');
  });

  it('is null without whitespace between words', () => {
    for (const text of ['', 'ab', ' ab ']) expect(whitespace(text, drawsRng([]))).toBeNull();
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(whitespace, 'the movie was really great');
  });
});
