import { describe, expect, it } from 'vitest';
import { BehaviorError } from './errors';

describe('BehaviorError.is', () => {
  it("is true for the error's own code only, as on every @nlpft error class", () => {
    const error = new BehaviorError('INVALID_OPTION', 'm');
    expect(error.is('INVALID_OPTION')).toBe(true);
    expect(error.is('EMPTY_INPUT')).toBe(false);
  });
});
