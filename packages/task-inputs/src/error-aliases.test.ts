import { describe, expect, it } from 'vitest';
import { TaskInputError } from './errors';

describe('TaskInputError deprecated codes', () => {
  it('maps each alias passed to the constructor to its replacement', () => {
    expect(new TaskInputError('INVALID_ARGUMENT', 'm').code).toBe('INVALID_INPUT');
    expect(new TaskInputError('TOKEN_NOT_IN_VOCAB', 'm').code).toBe('UNKNOWN_TOKEN');
    expect(new TaskInputError('INVALID_OPTION', 'm').code).toBe('INVALID_OPTION');
  });

  it('is() accepts the canonical code and its deprecated aliases', () => {
    expect(new TaskInputError('INVALID_INPUT', 'm').is('INVALID_INPUT')).toBe(true);
    expect(new TaskInputError('INVALID_INPUT', 'm').is('INVALID_ARGUMENT')).toBe(true);
    expect(new TaskInputError('INVALID_OPTION', 'm').is('INVALID_ARGUMENT')).toBe(false);
    expect(new TaskInputError('UNKNOWN_TOKEN', 'm').is('UNKNOWN_TOKEN')).toBe(true);
    expect(new TaskInputError('UNKNOWN_TOKEN', 'm').is('TOKEN_NOT_IN_VOCAB')).toBe(true);
    expect(new TaskInputError('INVALID_OPTION', 'm').is('TOKEN_NOT_IN_VOCAB')).toBe(false);
  });
});
