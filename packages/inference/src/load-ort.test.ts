import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { isProviderLoadFailure, loadOrt, resolveOrtPath } from './load-ort';

describe('loadOrt', () => {
  it('loads onnxruntime-node once and returns the same module', async () => {
    const [a, b] = await Promise.all([loadOrt(), loadOrt()]);
    expect(a).toBe(b);
    expect(typeof a.InferenceSession.create).toBe('function');
  });
});

describe('resolveOrtPath', () => {
  it('names the file worker threads require, the same copy this thread loads', async () => {
    const path = resolveOrtPath();
    expect(existsSync(path)).toBe(true);
    const required = createRequire(import.meta.url)(path) as { InferenceSession: unknown };
    expect(required.InferenceSession).toBe((await loadOrt()).InferenceSession);
  });
});

describe('isProviderLoadFailure', () => {
  it('tells a CUDA provider that failed to load from a model onnxruntime rejects', () => {
    expect(
      isProviderLoadFailure(
        new Error('Failed to load shared library libonnxruntime_providers_cuda.so'),
      ),
    ).toBe(true);
    expect(isProviderLoadFailure('CUDA driver version is insufficient')).toBe(true);
    expect(isProviderLoadFailure(new Error('Protobuf parsing failed.'))).toBe(false);
  });
});
