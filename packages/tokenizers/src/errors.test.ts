import { describe, expect, it } from 'vitest';
import { TokenizerError } from './errors';

describe('TokenizerError.is', () => {
  it("is true for the error's own code only, as on every @nlpft error class", () => {
    const error = new TokenizerError('UNKNOWN_TOKEN', 'm');
    expect(error.is('UNKNOWN_TOKEN')).toBe(true);
    expect(error.is('INVALID_INPUT')).toBe(false);
  });
});
