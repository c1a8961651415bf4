import { describe, expect, it } from 'vitest';
import { MetricsError } from './errors';

describe('MetricsError.is', () => {
  it("is true for the error's own code only, as on every @nlpft error class", () => {
    const error = new MetricsError('INVALID_INPUT', 'm');
    expect(error.is('INVALID_INPUT')).toBe(true);
    expect(error.is('INVALID_OPTION')).toBe(false);
  });
});
