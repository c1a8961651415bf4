import { describe, expect, it } from 'vitest';
import { InferenceError } from './errors';

describe('InferenceError deprecated codes', () => {
  it('maps each alias passed to the constructor to its replacement', () => {
    expect(new InferenceError('CUDA_UNAVAILABLE', 'm').code).toBe('PROVIDER_UNAVAILABLE');
    expect(new InferenceError('RUN_FAILED', 'm').code).toBe('RUN_FAILED');
  });

  it('is() accepts the canonical code and its deprecated aliases', () => {
    expect(new InferenceError('PROVIDER_UNAVAILABLE', 'm').is('PROVIDER_UNAVAILABLE')).toBe(true);
    expect(new InferenceError('PROVIDER_UNAVAILABLE', 'm').is('CUDA_UNAVAILABLE')).toBe(true);
    expect(new InferenceError('RUN_FAILED', 'm').is('CUDA_UNAVAILABLE')).toBe(false);
  });
});
