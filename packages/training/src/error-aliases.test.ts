import { describe, expect, it } from 'vitest';
import { TrainingError } from './errors';

describe('TrainingError deprecated codes', () => {
  it('maps each alias passed to the constructor to its replacement', () => {
    expect(new TrainingError('MISSING_TOKEN', 'm').code).toBe('UNKNOWN_TOKEN');
    expect(new TrainingError('INVALID_OPTION', 'm').code).toBe('INVALID_OPTION');
  });

  it('is() accepts the canonical code and its deprecated aliases', () => {
    expect(new TrainingError('UNKNOWN_TOKEN', 'm').is('UNKNOWN_TOKEN')).toBe(true);
    expect(new TrainingError('UNKNOWN_TOKEN', 'm').is('MISSING_TOKEN')).toBe(true);
    expect(new TrainingError('INVALID_OPTION', 'm').is('MISSING_TOKEN')).toBe(false);
  });
});
