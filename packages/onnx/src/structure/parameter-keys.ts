import type { Graph } from '../graph';
import type { Node, Tensor } from '../types';

/** How one initializer relates to the PyTorch state dict the model was exported from. */
export interface InitializerKey {
  /** The state-dict key, e.g. `bert.encoder.layer.0.attention.self.query.weight`. */
  key: string;
  /**
   * The initializer holds the transpose of the state-dict tensor: PyTorch's constant folding stores
   * `nn.Linear.weight` `[out, in]` as an `[in, out]` tensor named `onnx::MatMul_<n>`.
   */
  transposed: boolean;
  /** The node that multiplies by it, when it is a MatMul/Gemm weight. */
  consumer?: Node;
}

const FLOATS = new Set(['float32', 'float16', 'float64', 'bfloat16']);

/** Float tensors with at least one dimension can be parameters; scalars, ints and bools are constants. */
export function isParameterLike(t: Tensor): boolean {
  return FLOATS.has(t.type) && t.dims.length > 0;
}

/** `onnx::MatMul_282`-style names: made up by PyTorch's exporter for folded or anonymous values. */
export function isExporterName(name: string): boolean {
  return name.startsWith('onnx::') || name.includes('/') || !name.includes('.');
}

/** The MatMul or Gemm that reads `value` as its weight (input 1), directly or through one Transpose. */
export function weightConsumer(
  value: string,
  consumers: ReadonlyMap<string, Node[]>,
): { node: Node; throughTranspose: boolean } | undefined {
  for (const n of consumers.get(value) ?? []) {
    if ((n.opType === 'MatMul' || n.opType === 'Gemm') && n.inputs[1] === value)
      return { node: n, throughTranspose: false };
    if (n.opType === 'Transpose') {
      const next = (consumers.get(n.outputs[0]!) ?? []).find(
        (m) => (m.opType === 'MatMul' || m.opType === 'Gemm') && m.inputs[1] === n.outputs[0],
      );
      if (next) return { node: next, throughTranspose: true };
    }
  }
  return undefined;
}

/**
 * The state-dict key of a folded MatMul weight: from the bias its MatMul's output is added to
 * (`…query.bias` → `…query.weight`), else from the node's module scope (`/lm_head/MatMul` → `lm_head.weight`).
 */
export function foldedWeightKey(
  node: Node,
  graph: Graph,
  consumers: ReadonlyMap<string, Node[]>,
): string | undefined {
  for (const next of consumers.get(node.outputs[0]!) ?? []) {
    if (next.opType !== 'Add') continue;
    const bias = next.inputs.find((i) => {
      const t = graph.initializers.get(i);
      return t !== undefined && t.dims.length === 1 && !isExporterName(i) && i.endsWith('.bias');
    });
    if (bias) return `${bias.slice(0, -'.bias'.length)}.weight`;
  }
  const parts = node.name.split('/').filter((p) => p !== '');
  if (parts.length < 2) return undefined;
  return `${parts.slice(0, -1).join('.')}.weight`;
}
