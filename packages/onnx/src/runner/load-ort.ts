import type * as OrtModule from 'onnxruntime-node';
import { OnnxError } from '../errors';

// @nlpft/inference has a loader of its own: the two packages do not depend on each other, and this one's is about
// onnxruntime-node being an optional peer (RUNTIME_MISSING), inference's about worker threads and CUDA load failures.

/** The onnxruntime-node module, loaded on first use so importing this package registers nothing. */
export type Ort = typeof OrtModule;

let ort: Promise<Ort> | undefined;

/** True when `cause` says the module `onnxruntime-node` itself could not be found (not one of its files). */
function isMissing(cause: unknown): boolean {
  if (typeof cause !== 'object' || cause === null) return false;
  const { code, message } = cause as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    /['"]onnxruntime-node['"]/.test(message)
  );
}

/**
 * Loads onnxruntime-node once, on the runner's first use: it is an optional peer dependency, so reading, building,
 * editing and writing graphs never load it.
 * @throws {OnnxError} `RUNTIME_MISSING` when onnxruntime-node is not installed; `MODEL_LOAD_FAILED` when it is but
 *   cannot be loaded (a missing native binding, say).
 */
export function loadOrt(): Promise<Ort> {
  ort ??= import('onnxruntime-node').catch((cause: unknown) => {
    ort = undefined;
    if (isMissing(cause)) {
      throw new OnnxError(
        'RUNTIME_MISSING',
        'createGradientSession: the runner needs onnxruntime-node, an optional peer dependency of @nlpft/onnx that is not installed; run `npm install onnxruntime-node`',
        { cause },
      );
    }
    throw new OnnxError(
      'MODEL_LOAD_FAILED',
      `createGradientSession: onnxruntime-node is installed but cannot be loaded (${cause instanceof Error ? cause.message : String(cause)}); reinstall it for this platform`,
      { cause },
    );
  });
  return ort;
}
