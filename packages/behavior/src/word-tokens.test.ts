import { describe, expect, it } from 'vitest';
import { wordTokens } from './word-tokens';

describe('wordTokens', () => {
  it('lower-cases words, keeps inner apostrophes and points offsets into the original text', () => {
    expect(wordTokens("Don't, ZQX! café 42")).toEqual([
      { token: "don't", start: 0, end: 5 },
      { token: 'zqx', start: 7, end: 10 },
      { token: 'café', start: 12, end: 16 },
      { token: '42', start: 17, end: 19 },
    ]);
  });

  it('gives no tokens for punctuation and whitespace', () => {
    expect(wordTokens(' ,.!? ')).toEqual([]);
  });
});
