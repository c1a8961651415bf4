import { DEPRECATED_ONNX_CODES } from './error-aliases';

/** What went wrong, as a stable code callers can branch on. */
export type OnnxErrorCode =
  /** The bytes are not a readable ONNX model (not protobuf, truncated, or without a graph). */
  | 'MALFORMED_MODEL'
  /** An external-data initializer cannot be loaded (missing file, bad path, out-of-range offset). */
  | 'EXTERNAL_DATA'
  /** A tensor's element type is not one this package can view or write. */
  | 'UNSUPPORTED_DATA_TYPE'
  /** A tensor's data does not match its dims or type. */
  | 'INVALID_TENSOR'
  /** An option (a field of an options object, a config or dropout rates) is out of range or of the wrong kind. */
  | 'INVALID_OPTION'
  /** A positional argument (a graph, model, tensor, value name, bytes) is of the wrong type or shape. */
  | 'INVALID_INPUT'
  /** @deprecated Use 'INVALID_OPTION' (an option) or 'INVALID_INPUT' (a positional argument). */
  | 'INVALID_ARGUMENT'
  /** A value name (input, output, initializer) does not exist in the graph. */
  | 'UNKNOWN_VALUE'
  /** A node named by a request (a MatMul for LoRA, say) does not exist in the graph, or is of another op type. */
  | 'UNKNOWN_NODE'
  /** Autodiff met an operator it has no gradient rule for on the path from a trainable tensor to the loss. */
  | 'NO_GRADIENT_RULE'
  /** An execution provider (for example CUDA) is not available on this machine. */
  | 'PROVIDER_UNAVAILABLE'
  /** onnxruntime failed to run a session (a training step). */
  | 'RUN_FAILED'
  /** onnxruntime could not create a session: it rejected the graph, or onnxruntime-node's native binding does not load. */
  | 'MODEL_LOAD_FAILED'
  /** @deprecated Use 'RUN_FAILED' (a run) or 'MODEL_LOAD_FAILED' (creating the session). */
  | 'RUNTIME_ERROR'
  /** The runner was used but onnxruntime-node, an optional peer dependency, is not installed. */
  | 'RUNTIME_MISSING'
  /** A batch lacks a model input or has the wrong shape or type. */
  | 'INVALID_BATCH'
  /** The loss of a step is NaN or infinite. */
  | 'NON_FINITE_LOSS'
  /** The object was used after `dispose()`. */
  | 'DISPOSED'
  /** The graph is not a transformer the structural map knows, or uses ops training cannot run (quantized, contrib). */
  | 'UNSUPPORTED_MODEL'
  /** An initializer that looks like a parameter belongs to no part the structural map knows. */
  | 'UNPLACED_PARAMETER';

/**
 * The one error class of `@nlpft/onnx`; `code` says which check failed and the message names the argument. `code` is
 * never a deprecated alias: one passed to the constructor becomes its replacement.
 */
export class OnnxError extends Error {
  readonly code: OnnxErrorCode;
  constructor(code: OnnxErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OnnxError';
    this.code = DEPRECATED_ONNX_CODES[code]?.[0] ?? code;
  }

  /**
   * Whether this error has `code`, or `code` is a deprecated alias of it: `is('RUNTIME_ERROR')` holds for a
   * `RUN_FAILED` error until the alias goes.
   */
  is(code: OnnxErrorCode): boolean {
    return code === this.code || (DEPRECATED_ONNX_CODES[code]?.includes(this.code) ?? false);
  }
}
