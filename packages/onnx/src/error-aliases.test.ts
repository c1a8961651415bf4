import { describe, expect, it } from 'vitest';
import { OnnxError } from './errors';

describe('OnnxError deprecated codes', () => {
  it('maps each alias passed to the constructor to its replacement', () => {
    expect(new OnnxError('INVALID_ARGUMENT', 'm').code).toBe('INVALID_INPUT');
    expect(new OnnxError('RUNTIME_ERROR', 'm').code).toBe('RUN_FAILED');
    expect(new OnnxError('INVALID_OPTION', 'm').code).toBe('INVALID_OPTION');
  });

  it('is() accepts the canonical code and its deprecated aliases', () => {
    const option = new OnnxError('INVALID_OPTION', 'm');
    expect(option.is('INVALID_OPTION')).toBe(true);
    expect(option.is('INVALID_ARGUMENT')).toBe(true);
    expect(option.is('INVALID_INPUT')).toBe(false);
    expect(new OnnxError('INVALID_INPUT', 'm').is('INVALID_ARGUMENT')).toBe(true);
    expect(new OnnxError('MODEL_LOAD_FAILED', 'm').is('RUNTIME_ERROR')).toBe(true);
    expect(new OnnxError('RUN_FAILED', 'm').is('RUNTIME_ERROR')).toBe(true);
    expect(new OnnxError('RUN_FAILED', 'm').is('MODEL_LOAD_FAILED')).toBe(false);
    expect(new OnnxError('DISPOSED', 'm').is('INVALID_ARGUMENT')).toBe(false);
  });
});
