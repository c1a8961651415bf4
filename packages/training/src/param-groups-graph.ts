import { checkNames } from './check-args';
/** What {@link structuralNoDecayParameters} reads from a graph node. `Node` from @nlpft/onnx has this shape. */
export interface GraphNodeLike {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** What {@link structuralNoDecayParameters} reads from a graph. `Graph` from @nlpft/onnx has this shape. */
export interface ParameterGraphLike {
  readonly nodes: readonly GraphNodeLike[];
  readonly initializers: ReadonlyMap<string, { readonly dims: readonly number[] }>;
}

/**
 * ONNX ops that export `nn.LayerNorm` and its fused / RMS variants (ai.onnx LayerNormalization, opset-23
 * RMSNormalization, com.microsoft Simplified/Skip variants). Their inputs after the first are scale and bias.
 * BatchNormalization / GroupNormalization / InstanceNormalization are left out on purpose: HF's
 * `ALL_LAYERNORM_LAYERS` is `nn.LayerNorm` only, so a BatchNorm weight decays unless its name matches.
 */
const NORM_OPS = new Set([
  'LayerNormalization',
  'RMSNormalization',
  'SimplifiedLayerNormalization',
  'SkipLayerNormalization',
  'SkipSimplifiedLayerNormalization',
]);
/** Ops whose output is their first input with another shape or type: followed through in both directions. */
const PASS_THROUGH = new Set([
  'Identity',
  'Cast',
  'Reshape',
  'Squeeze',
  'Unsqueeze',
  'Expand',
  'Flatten',
]);
/** Ops whose output a 1-D `Add` operand is the bias of. */
const LINEAR_OPS = new Set([
  'MatMul',
  'Gemm',
  'Conv',
  'ConvTranspose',
  'MatMulInteger',
  'FusedMatMul',
]);

/** HF `Trainer.get_decay_parameter_names` name patterns, applied to the lower-cased name. */
const HF_NAME_PATTERNS = [/bias/, /layernorm/, /rmsnorm/, /(?:^|\.)norm(?:$|\.)/, /_norm(?:$|\.)/];

/**
 * Whether the name alone exempts a parameter from weight decay in Hugging Face's Trainer (transformers ≥ 4.5x
 * `get_decay_parameter_names`: `bias`, `layernorm`, `rmsnorm`, `norm`, `_norm` on the lower-cased name). HF adds
 * every `nn.LayerNorm` parameter by module type; on a graph, {@link structuralNoDecayParameters} plays that part.
 * @example hfNoDecayName('encoder.layer.0.output.LayerNorm.weight') // true
 */
export function hfNoDecayName(name: string): boolean {
  checkNames('hfNoDecayName', [name], 'name');
  const n = name.toLowerCase();
  return HF_NAME_PATTERNS.some((p) => p.test(n));
}

/**
 * Initializers that are no-decay by how the graph uses them, the structural counterpart of HF's module-type rule:
 * - scale or bias of a LayerNorm-family op (`LayerNormalization`, `RMSNormalization`, `SkipLayerNormalization`, …);
 * - scale (`Mul`) or shift (`Add`) after a spelled-out normalisation: `Div` by, or `Mul` by `Reciprocal` of, a
 *   `Sqrt` of a `ReduceMean` (plus epsilon), as older exporters write LayerNorm and RMSNorm;
 * - a bias: a 1-D initializer `Add`ed to the output of `MatMul` / `Gemm` / `Conv`, or `Gemm`'s `C` / `Conv`'s `B`.
 * Shape-only ops (Reshape, Unsqueeze, Cast, …) between the initializer and its consumer are looked through.
 * @example structuralNoDecayParameters(buildBert(config)).has('encoder.layer.0.output.LayerNorm.weight') // true
 * @see https://github.com/huggingface/transformers/blob/main/src/transformers/trainer.py (get_decay_parameter_names)
 */
export function structuralNoDecayParameters(graph: ParameterGraphLike): Set<string> {
  const producer = new Map<string, GraphNodeLike>();
  const consumers = new Map<string, GraphNodeLike[]>();
  for (const node of graph.nodes) {
    for (const o of node.outputs) if (o !== '') producer.set(o, node);
    for (const i of node.inputs) {
      if (i === '') continue;
      const list = consumers.get(i);
      if (list) list.push(node);
      else consumers.set(i, [node]);
    }
  }
  // The op that really made a value, skipping shape-only ops.
  const source = (value: string): GraphNodeLike | undefined => {
    let node = producer.get(value);
    for (let hops = 0; node !== undefined && PASS_THROUGH.has(node.opType) && hops < 8; hops++)
      node = producer.get(node.inputs[0] ?? '');
    return node;
  };
  const isOp = (value: string, ops: ReadonlySet<string> | string): boolean => {
    const op = source(value)?.opType;
    return op !== undefined && (typeof ops === 'string' ? op === ops : ops.has(op));
  };
  // A Sqrt fed (directly or through the epsilon Add) by a ReduceMean: the std / RMS of a normalisation.
  const isNormDenominator = (value: string): boolean => {
    const sqrt = source(value);
    if (sqrt?.opType !== 'Sqrt') return false;
    const inner = source(sqrt.inputs[0] ?? '');
    if (inner?.opType === 'ReduceMean') return true;
    return inner?.opType === 'Add' && inner.inputs.some((i) => isOp(i, 'ReduceMean'));
  };
  // x / sqrt(mean(...) + eps), or x * reciprocal(sqrt(...)).
  const isNormalized = (value: string): boolean => {
    const node = source(value);
    if (node?.opType === 'Div') return isNormDenominator(node.inputs[1] ?? '');
    if (node?.opType === 'Mul')
      return node.inputs.some((i) => {
        const r = source(i);
        return r?.opType === 'Reciprocal' && isNormDenominator(r.inputs[0] ?? '');
      });
    return false;
  };
  const isNormScaled = (value: string): boolean => {
    const node = source(value);
    return node?.opType === 'Mul' && node.inputs.some((i) => isNormalized(i));
  };
  // Every (consumer, slot) of an initializer, looking through shape-only ops.
  const uses = (name: string): Array<{ node: GraphNodeLike; slot: number; value: string }> => {
    const out: Array<{ node: GraphNodeLike; slot: number; value: string }> = [];
    const queue = [name];
    for (let k = 0; k < queue.length && k < 64; k++) {
      const value = queue[k]!;
      for (const node of consumers.get(value) ?? []) {
        const slot = node.inputs.indexOf(value);
        if (PASS_THROUGH.has(node.opType) && slot === 0) queue.push(...node.outputs);
        else out.push({ node, slot, value });
      }
    }
    return out;
  };

  const result = new Set<string>();
  for (const [name, tensor] of graph.initializers) {
    const oneD = tensor.dims.length <= 1;
    const noDecay = uses(name).some(({ node, slot, value }) => {
      const others = node.inputs.filter((i, j) => j !== slot && i !== '');
      if (NORM_OPS.has(node.opType)) return slot >= 1;
      if (
        (node.opType === 'Gemm' || node.opType === 'Conv' || node.opType === 'ConvTranspose') &&
        slot === 2
      )
        return true;
      if (node.opType === 'Mul') return others.some((o) => isNormalized(o));
      if (node.opType === 'Add') {
        if (others.some((o) => isNormScaled(o) || isNormalized(o))) return true;
        return oneD && value !== '' && others.some((o) => isOp(o, LINEAR_OPS));
      }
      return false;
    });
    if (noDecay) result.add(name);
  }
  return result;
}
