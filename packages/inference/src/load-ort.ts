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
