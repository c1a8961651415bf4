import { describe, expect, it } from 'vitest';
import { removeSpans } from './remove-spans';
import { wordTokens } from './word-tokens';

const spansOf = (text: string, token: string) => wordTokens(text).filter((t) => t.token === token);

describe('removeSpans', () => {
  it('deletes a token with one neighbouring whitespace run', () => {
    expect(removeSpans('a zqx b', spansOf('a zqx b', 'zqx'), undefined)).toBe('a b');
    expect(removeSpans('zqx good', spansOf('zqx good', 'zqx'), undefined)).toBe('good');
    expect(removeSpans('good zqx', spansOf('good zqx', 'zqx'), undefined)).toBe('good');
    expect(removeSpans('good zqx, fine', spansOf('good zqx, fine', 'zqx'), undefined)).toBe(
      'good, fine',
    );
    expect(removeSpans('a ZQX zqx b', spansOf('a ZQX zqx b', 'zqx'), undefined)).toBe('a b');
  });

  it('replaces each token by the mask, leaving the rest alone', () => {
    expect(removeSpans('a zqx, zqx b', spansOf('a zqx, zqx b', 'zqx'), '[MASK]')).toBe(
      'a [MASK], [MASK] b',
    );
  });
});
