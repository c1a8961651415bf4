import { describe, expect, it } from 'vitest';
import { TrainingError } from './errors';

describe('TrainingError', () => {
  it('keeps its code and cause so callers can branch on them', () => {
    const cause = new Error('inner');
    const error = new TrainingError('NON_FINITE_LOSS', 'step 7: loss is NaN', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TrainingError');
    expect(error.code).toBe('NON_FINITE_LOSS');
    expect(error.cause).toBe(cause);
  });
});
