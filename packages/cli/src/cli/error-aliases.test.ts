import { describe, expect, it } from 'vitest';
import { CliError } from './errors';

describe('CliError deprecated codes', () => {
  it('maps each alias passed to the constructor to its replacement, a usage error still', () => {
    const error = new CliError('INVALID_VALUE', 'm');
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.exitCode).toBe(2);
    expect(new CliError('FILE_ERROR', 'm').code).toBe('FILE_ERROR');
  });

  it('is() accepts the canonical code and its deprecated aliases', () => {
    expect(new CliError('INVALID_OPTION', 'm').is('INVALID_OPTION')).toBe(true);
    expect(new CliError('INVALID_OPTION', 'm').is('INVALID_VALUE')).toBe(true);
    expect(new CliError('FILE_ERROR', 'm').is('INVALID_VALUE')).toBe(false);
  });
});
