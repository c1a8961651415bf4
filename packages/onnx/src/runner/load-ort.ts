import type * as OrtModule from 'onnxruntime-node';
import { OnnxError } from '../errors';

/** The onnxruntime-node module, loaded on first use so importing this package registers nothing. */
export type Ort = typeof OrtModule;

let ort: Promise<Ort> | undefined;

/** Loads onnxruntime-node once. @throws {OnnxError} `RUNTIME_ERROR` when it cannot be loaded. */
export function loadOrt(): Promise<Ort> {
  ort ??= import('onnxruntime-node').catch((cause: unknown) => {
    ort = undefined;
    throw new OnnxError('RUNTIME_ERROR', 'cannot load onnxruntime-node; is it installed?', {
      cause,
    });
  });
  return ort;
}
