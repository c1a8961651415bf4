// Everything about finding and loading onnxruntime-node lives here: the in-thread import, the path worker threads
// `require`, and how a failed CUDA provider load is told apart from a model onnxruntime rejects.
// (@nlpft/onnx has a small loader of its own for its training runner: neither package depends on the other.)
import { createRequire } from 'node:module';
import type * as Ort from 'onnxruntime-node';

/** The onnxruntime-node module namespace. */
export type OrtModule = typeof Ort;

let loading: Promise<OrtModule> | undefined;

/**
 * Loads `onnxruntime-node` on first use, so importing this package registers nothing and loads no native code.
 * Later calls return the same module.
 */
export function loadOrt(): Promise<OrtModule> {
  loading ??= import('onnxruntime-node').then((mod) => {
    // ESM import of the CommonJS package: the namespace or its `default` holds the exports.
    const m = mod as OrtModule & { default?: OrtModule };
    return m.InferenceSession ? m : (m.default as OrtModule);
  });
  return loading;
}

/** Where `onnxruntime-node` resolves from this package, for worker threads to `require` the same copy. */
export function resolveOrtPath(): string {
  return createRequire(import.meta.url).resolve('onnxruntime-node');
}

/**
 * What onnxruntime's message says when the CUDA provider's shared library (or CUDA itself) fails to load, as opposed
 * to a model it rejects. Worker threads get its `source` in `workerData`, so both threads decide alike.
 */
export const PROVIDER_LOAD_FAILURE =
  /Failed to load (shared )?library|providers_shared|libonnxruntime_providers_cuda|CUDA/i;

/** Whether an error from opening a session is the CUDA provider failing to load ({@link PROVIDER_LOAD_FAILURE}). */
export function isProviderLoadFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return PROVIDER_LOAD_FAILURE.test(message);
}
