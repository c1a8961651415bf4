import { GraphBuilder } from '../builder/graph-builder';
import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { ModelStructure } from '../structure/model-structure';
import type { Node, Tensor } from '../types';
import type { AttentionPrefix } from './add-prefix-tuning';

const SCORE_PATH = new Set(['Div', 'Mul', 'Add', 'Where', 'Dropout', 'Cast']);

/**
 * Prefix tuning at the attention sites of a structural map (foreign exports): per layer, the keys entering the
 * score MatMul (`kᵀ`, `[batch, heads, headDim, seq]`) and the values entering the context MatMul
 * (`[batch, heads, seq, headDim]`) get `P` learned vectors in front, and every mask on the way from the scores to
 * the softmax is widened by `P` columns that keep the prefixes visible: an additive mask gets zeros, a `Where`
 * condition gets the value that selects the scores (a condition made by `Expand` is widened before it, so it
 * still broadcasts). GPT-2's causal slice is such a condition: with `true` in front, query i sees every prefix and
 * the keys up to i.
 */
export function prefixAtStructure(
  g: Graph,
  structure: ModelStructure,
  p: number,
  heads: number,
  options: { std: number; seed: number },
): AttentionPrefix[] {
  const where = 'addPrefixTuning';
  if (!Number.isInteger(heads) || heads < 1 || structure.hiddenSize % heads !== 0)
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: heads must divide the hidden size ${structure.hiddenSize}, got ${String(heads)}`,
    );
  const headDim = structure.hiddenSize / heads;
  const b = new GraphBuilder({ graph: g, seed: options.seed });
  const producers = g.producers();
  const consumers = g.consumers();
  const widened = new Map<string, string>();
  const prefixes: AttentionPrefix[] = [];
  for (const layer of structure.layers) {
    const softmax = producers.get(layer.attentionProbabilities[0] ?? '');
    if (softmax === undefined)
      throw new OnnxError(
        'UNKNOWN_NODE',
        `${where}: layer ${layer.index} has no attention softmax`,
      );
    // Search back from the softmax to the score MatMul through scaling and masking, keeping the path.
    const path: { node: Node; input: number }[] = [];
    const search = (value: string, depth: number): Node | undefined => {
      const n = producers.get(value);
      if (n === undefined || depth > 8) return undefined;
      if (n.opType === 'MatMul') return n;
      if (!SCORE_PATH.has(n.opType)) return undefined;
      const slots =
        n.opType === 'Where'
          ? [1, 2]
          : n.opType === 'Dropout' || n.opType === 'Cast'
            ? [0]
            : [0, 1];
      for (const input of slots) {
        if (!isActivation(g, producers, n.inputs[input] ?? '')) continue;
        path.push({ node: n, input });
        const found = search(n.inputs[input]!, depth + 1);
        if (found) return found;
        path.pop();
      }
      return undefined;
    };
    const scores = search(softmax.inputs[0]!, 0);
    // The context MatMul reads the probabilities, possibly through Dropout and Cast (GPT-2's `.type(dtype)`).
    let readers = consumers.get(softmax.outputs[0]!) ?? [];
    for (let i = 0; i < 3; i++)
      readers = readers.flatMap((n) =>
        n.opType === 'Dropout' || n.opType === 'Cast' ? (consumers.get(n.outputs[0]!) ?? []) : [n],
      );
    const context = readers.find((n) => n.opType === 'MatMul');
    if (scores === undefined || context === undefined)
      throw new OnnxError(
        'UNKNOWN_NODE',
        `${where}: layer ${layer.index}: no score MatMul → softmax → context MatMul around '${softmax.name}'`,
      );
    const prefix = `${layer.prefix}attention_prefix`;
    const pk = b.parameter(`${prefix}.key`, [heads, p, headDim], { normal: options.std });
    const pv = b.parameter(`${prefix}.value`, [heads, p, headDim], { normal: options.std });
    prefixes.push({ layer: layer.prefix.slice(0, -1), key: pk.name, value: pv.name });
    const keys = scores.inputs[1]!;
    const batch = b.op1('Slice', [b.op1('Shape', [keys]), b.constant([0]), b.constant([1])]);
    const expandTo = b.op1('Concat', [batch, b.constant([1, 1, 1])], { axis: int(0) });
    const batched = (t: string, perm?: number[]): string => {
      const x = perm ? b.op1('Transpose', [t], { perm: { type: 'ints', value: perm } }).name : t;
      return b.op1('Expand', [b.op1('Unsqueeze', [x, b.constant([0])]), expandTo]).name;
    };
    prepend(b, scores, 1, batched(pk.name, [0, 2, 1]), 3);
    prepend(b, context, 1, batched(pv.name), 2);
    for (const { node, input } of path) {
      if (node.opType === 'Add') {
        const mask = node.inputs[1 - input]!;
        node.inputs[1 - input] = widen(b, widened, mask, p, 'float32', 0);
      } else if (node.opType === 'Where' && input !== 0) {
        // Where(cond, x, y): prefixes must take the scores' branch.
        const keep = input === 1 ? 1 : 0;
        const cond = node.inputs[0]!;
        // DistilBERT: Cast(Expand(mask, Shape(scores))); widen the mask before it is expanded.
        let expand = producers.get(cond);
        while (expand?.opType === 'Cast' || expand?.opType === 'Identity')
          expand = producers.get(expand.inputs[0]!);
        if (expand?.opType === 'Expand')
          expand.inputs[0] = widen(b, widened, expand.inputs[0]!, p, 'bool', keep);
        else node.inputs[0] = widen(b, widened, cond, p, 'bool', keep);
      }
    }
  }
  return prefixes;
}

function int(value: number) {
  return { type: 'int' as const, value };
}

/** Whether a value is computed from the inputs (not a constant or initializer), so it lies on the score path. */
function isActivation(g: Graph, producers: ReadonlyMap<string, Node>, value: string): boolean {
  if (g.initializers.has(value)) return false;
  const n = producers.get(value);
  return n !== undefined && n.opType !== 'Constant';
}

/** Replaces input `slot` of `node` by `Concat([front, input], axis)`. */
function prepend(b: GraphBuilder, node: Node, slot: number, front: string, axis: number): void {
  node.inputs[slot] = b.op1('Concat', [front, node.inputs[slot]!], { axis: int(axis) }).name;
}

/** `mask` with `p` columns of `fill` in front on its last axis (made once per mask). */
function widen(
  b: GraphBuilder,
  cache: Map<string, string>,
  mask: string,
  p: number,
  type: 'float32' | 'bool',
  fill: number,
): string {
  const key = `${mask}\u0000${type}\u0000${fill}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const shape = b.op1('Shape', [mask]);
  const lead = b.op1('Slice', [shape, b.constant([0]), b.constant([-1])]);
  const front: Tensor = {
    name: '',
    type,
    dims: [1],
    data: type === 'bool' ? Uint8Array.from([fill]) : Float32Array.from([fill]),
  };
  const pad = b.op1(
    'ConstantOfShape',
    [b.op1('Concat', [lead, b.constant([p])], { axis: int(0) })],
    {
      value: { type: 'tensor', value: front },
    },
  );
  const out = b.op1('Concat', [pad, mask], { axis: int(-1) }).name;
  cache.set(key, out);
  return out;
}
