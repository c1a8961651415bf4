import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { Node, Tensor } from '../types';
import { pruneGraph } from './prune-graph';
import { checkGraph } from '../check-args';

/**
 * Folds every LoRA update {@link addLora} added back into its weight, `W ← W + A·B·alpha/r` (in W's own layout:
 * `[in, out]`, or `[out, in]` behind a Transpose as PyTorch exports `nn.Linear`), and removes the low-rank branch, as
 * PEFT's `merge_and_unload()` does: the result is the plain architecture, with the same outputs up to float32
 * rounding. Returns a new graph and the merged weights; `graph` is not changed. A graph without LoRA is returned as is.
 * @throws {OnnxError} `INVALID_INPUT` when a `lora_B` parameter is not wired as addLora wires it.
 * @example const { graph: plain } = mergeLora(trained); // no *.lora_A / *.lora_B initializers left
 */
export function mergeLora(graph: Graph): { graph: Graph; merged: string[] } {
  checkGraph('mergeLora', graph);
  const bNames = [...graph.initializers.keys()].filter((n) => n.endsWith('.lora_B.weight'));
  if (bNames.length === 0) return { graph, merged: [] };
  const g = graph.clone();
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  for (const n of g.nodes) {
    for (const o of n.outputs) producer.set(o, n);
    for (const i of n.inputs) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  }
  const only = (value: string, op: string, what: string): Node => {
    const uses = (consumers.get(value) ?? []).filter((n) => n.opType === op);
    if (uses.length !== 1)
      throw new OnnxError(
        'INVALID_INPUT',
        `mergeLora: ${what}: expected one ${op} reading '${value}', found ${uses.length}`,
      );
    return uses[0]!;
  };
  const merged: string[] = [];
  for (const bName of bNames) {
    const aName = bName.replace(/\.lora_B\.weight$/, '.lora_A.weight');
    const matB = only(bName, 'MatMul', bName);
    const matA = producer.get(matB.inputs[0]!);
    if (matA?.opType !== 'MatMul' || matA.inputs[1] !== aName)
      throw new OnnxError('INVALID_INPUT', `mergeLora: ${bName} does not multiply x·${aName}`);
    const scaleNode = only(matB.outputs[0]!, 'Mul', bName);
    const scale = scalarOf(g, scaleNode, bName);
    const add = only(scaleNode.outputs[0]!, 'Add', bName);
    const source = add.inputs.find((i) => i !== scaleNode.outputs[0])!;
    const base = producer.get(source);
    const w = base !== undefined ? weightOf(g, base, producer) : undefined;
    if (w === undefined)
      throw new OnnxError(
        'INVALID_INPUT',
        `mergeLora: the projection ${bName} adapts does not multiply by a weight initializer`,
      );
    const a = g.initializers.get(aName)!;
    const b = g.initializers.get(bName)!;
    const [inF, rank] = a.dims as [number, number];
    const outF = b.dims[1]!;
    const A = a.data as Float32Array;
    const B = b.data as Float32Array;
    const W = Float32Array.from(w.tensor.data as Float32Array);
    for (let i = 0; i < inF; i++)
      for (let o = 0; o < outF; o++) {
        let delta = 0;
        for (let r = 0; r < rank; r++) delta += A[i * rank + r]! * B[r * outF + o]!;
        W[w.outIn ? o * inF + i : i * outF + o]! += delta * scale;
      }
    g.initializers.set(w.tensor.name, { ...w.tensor, data: W });
    // The Add now passes the projection through; pruning drops the branch and A, B.
    add.opType = 'Identity';
    add.inputs = [source];
    merged.push(w.tensor.name);
  }
  return { graph: pruneGraph(g).graph, merged };
}

function scalarOf(g: Graph, mul: Node, what: string): number {
  for (const input of mul.inputs) {
    const init = g.initializers.get(input);
    if (init !== undefined && init.data.length === 1) return Number(init.data[0]);
    const constant = g.nodes.find((n) => n.opType === 'Constant' && n.outputs[0] === input);
    const value = constant?.attributes['value'];
    if (value?.type === 'tensor' && value.value.data.length === 1)
      return Number(value.value.data[0]);
  }
  throw new OnnxError(
    'INVALID_INPUT',
    `mergeLora: ${what}: the scale of the update is not a constant`,
  );
}

function weightOf(
  g: Graph,
  node: Node,
  producer: ReadonlyMap<string, Node>,
): { tensor: Tensor; outIn: boolean } | undefined {
  if (node.opType !== 'MatMul' && node.opType !== 'Gemm') return undefined;
  const second = node.inputs[1]!;
  const transB =
    node.opType === 'Gemm' &&
    node.attributes['transB']?.type === 'int' &&
    node.attributes['transB'].value !== 0;
  const direct = g.initializers.get(second);
  if (direct !== undefined) return { tensor: direct, outIn: transB };
  const t = producer.get(second);
  if (t?.opType !== 'Transpose') return undefined;
  const source = g.initializers.get(t.inputs[0]!);
  return source === undefined ? undefined : { tensor: source, outIn: true };
}
