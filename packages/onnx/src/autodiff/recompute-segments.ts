import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { Node } from '../types';

/** Options of {@link recomputeSegments}. */
export interface RecomputeSegmentsOptions {
  /** How many leading nodes of `graph.nodes` are forward nodes; the nodes after them are backward nodes. */
  forwardNodes: number;
  /** The total gradient of a forward value (the loss's gradient with respect to it), when backward made one. */
  gradientOf: (value: string) => string | undefined;
  /**
   * Graph inputs that hold weights (the trainable parameters): like initializers, they and what only they feed
   * (a transposed weight) are read as they are, neither gated nor recomputed.
   * @defaultValue none
   */
  parameters?: ReadonlySet<string>;
  /**
   * The segment of a forward node, or `undefined` to leave its activations saved as they are.
   * @defaultValue {@link transformerLayerOf}
   */
  segmentOf?: (node: Node, graph: Graph) => string | undefined;
}

/** What {@link recomputeSegments} did. */
export interface RecomputeReport {
  /** Segments whose activations backward now recomputes. */
  segments: number;
  /** Forward nodes copied into backward. */
  recomputedNodes: number;
  /**
   * Distinct activations (values computed from a graph input other than a parameter) that backward read before
   * and now reads, gates included: what stays alive from forward until backward.
   */
  savedValuesBefore: number;
  savedValuesAfter: number;
}

/**
 * The transformer layer a node belongs to, from the module path in its name (`/bert/encoder/layer.3/…`,
 * `/transformer/h.0/…`, `/distilbert/transformer/layer.1/…`) or else from a parameter it reads
 * (`encoder.layer.3.…`, `h.3.…`): the path up to the layer index, dots for slashes, so both spellings agree.
 */
export function transformerLayerOf(node: Node, graph: Graph): string | undefined {
  const fromName = /^\/?(.*?\b(?:layer|layers|h|block|blocks)\.\d+)\//.exec(node.name);
  if (fromName) return fromName[1]!.replaceAll('/', '.');
  for (const input of node.inputs) {
    if (!graph.initializers.has(input)) continue;
    const fromParameter = /^(.*?\b(?:layer|layers|h|block|blocks)\.\d+)\./.exec(input);
    if (fromParameter) return fromParameter[1];
  }
  return undefined;
}

/** Ops whose outputs differ between runs: their outputs stay saved and are never recomputed. */
const RANDOM_OPS = new Set([
  'RandomNormal',
  'RandomNormalLike',
  'RandomUniform',
  'RandomUniformLike',
  'Bernoulli',
  'Multinomial',
]);

function isRandom(node: Node, graph: Graph): boolean {
  if (RANDOM_OPS.has(node.opType)) return true;
  if (node.opType !== 'Dropout') return false;
  // Dropout draws a mask only in training mode; absent or a constant-false `training_mode` is the identity.
  const training = node.inputs[2];
  if (training === undefined || training === '') return false;
  const t = graph.initializers.get(training);
  return t === undefined || Array.isArray(t.data) || Number(t.data[0]) !== 0;
}

const hasSubgraph = (node: Node): boolean =>
  Object.values(node.attributes).some((a) => a.type === 'graph' || a.type === 'graphs');

/**
 * Gradient checkpointing inside one forward + backward graph: backward nodes stop reading the activations made
 * inside each segment (a transformer layer) and read copies of the segment's forward nodes instead, so the
 * originals die right after forward and only segment boundaries stay alive until backward.
 *
 * Each activation a copy reads from outside its segment (the layer input, the attention mask) goes through `Where(c, x, x)`, whose condition `c = IsNaN(Σ g)` comes from the gradients arriving at the
 * segment's outputs. `Where` with equal branches returns `x` bit for bit whatever `c` is (−0 and NaN included,
 * unlike `x + 0·s`), yet onnxruntime can neither merge a copy with its original (its inputs differ, so common
 * subexpression elimination leaves it) nor run it before backward reaches the segment. Copies compute the same
 * ops on the same bits, so recomputed values equal the saved ones up to kernel fusion choices; the dropout masks of
 * `seedDropout` are a hash of the seed input and the element index, so copies draw the same masks. Random ops
 * (and training-mode `Dropout`) are not copied: their outputs stay saved. Values without a non-constant input
 * (shapes of initializers, constants) are read as they are. Only what backward reads is recomputed.
 *
 * Nodes are reordered so that every copy comes right before the first backward node that needs it.
 * @returns what was recomputed.
 * @throws {OnnxError} `INVALID_OPTION` when the segments are not convex (a path leaves a segment and comes back),
 *   which would make a copy wait for its own gradient.
 */
export function recomputeSegments(
  graph: Graph,
  options: RecomputeSegmentsOptions,
): RecomputeReport {
  const forward = graph.nodes.slice(0, options.forwardNodes);
  const backward = graph.nodes.slice(options.forwardNodes);
  const segmentOf = options.segmentOf ?? transformerLayerOf;
  const isForward = new Set(forward);
  const graphInputs = new Set(graph.inputs.map((v) => v.name));
  const graphOutputs = new Set(graph.outputs.map((v) => v.name));

  // Values of the forward pass that cost nothing to keep or recompute: initializers and what only they feed.
  const constant = new Set([...graph.initializers.keys(), ...(options.parameters ?? [])]);
  const producer = new Map<string, Node>();
  const segment = new Map<Node, string>();
  const saved = new Set<string>(); // outputs of random or subgraph nodes: never recomputed
  for (const node of forward) {
    for (const o of node.outputs) if (o !== '') producer.set(o, node);
    const random = isRandom(node, graph) || hasSubgraph(node);
    if (random) for (const o of node.outputs) saved.add(o);
    if (!random && node.inputs.every((i) => i === '' || constant.has(i))) {
      for (const o of node.outputs) if (o !== '') constant.add(o);
      continue;
    }
    const key = segmentOf(node, graph);
    if (key !== undefined) segment.set(node, key);
  }
  const segmentOfValue = (v: string): string | undefined => {
    if (constant.has(v)) return undefined;
    const p = producer.get(v);
    return p === undefined ? undefined : segment.get(p);
  };

  // Segment outputs (read by a forward node elsewhere, or a graph output) stay saved; of those read only
  // outside their segment, the gradients gate the segment's copies.
  const outputs = new Set<string>();
  const readInside = new Set<string>();
  for (const node of forward) {
    const here = segment.get(node);
    for (const i of node.inputs) {
      const there = segmentOfValue(i);
      if (there === undefined) continue;
      if (there !== here) outputs.add(i);
      else readInside.add(i);
    }
  }
  for (const o of graphOutputs) if (segmentOfValue(o) !== undefined) outputs.add(o);

  const readByBackward = (nodes: readonly Node[]): number => {
    const read = new Set<string>();
    for (const n of nodes)
      for (const i of n.inputs)
        if (!constant.has(i) && (producer.has(i) || graphInputs.has(i))) read.add(i);
    return read.size;
  };
  const savedValuesBefore = readByBackward(backward);

  // Per segment, the internal values backward reads.
  const wanted = new Map<string, Set<string>>();
  for (const node of backward) {
    for (const i of node.inputs) {
      const key = segmentOfValue(i);
      if (key === undefined || outputs.has(i) || saved.has(i)) continue;
      let set = wanted.get(key);
      if (set === undefined) wanted.set(key, (set = new Set()));
      set.add(i);
    }
  }

  const used = new Set<string>();
  for (const v of graph.inputs) used.add(v.name);
  for (const k of graph.initializers.keys()) used.add(k);
  for (const n of graph.nodes) {
    used.add(n.name);
    for (const o of n.outputs) used.add(o);
  }
  const fresh = (base: string): string => {
    let name = base;
    for (let k = 1; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    return name;
  };

  const added: Node[] = [];
  const emit = (opType: string, inputs: string[], attributes: Node['attributes'] = {}): string => {
    const out = fresh(`ckpt/${opType}`);
    added.push({
      name: fresh(`ckpt/${opType}_node`),
      opType,
      domain: '',
      inputs,
      outputs: [out],
      attributes,
    });
    return out;
  };
  const replacement = new Map<string, string>();
  let segments = 0;
  let recomputedNodes = 0;
  for (const [key, values] of wanted) {
    const gradients: string[] = [];
    for (const o of outputs) {
      if (segmentOfValue(o) !== key || readInside.has(o)) continue;
      const g = options.gradientOf(o);
      if (g !== undefined) gradients.push(g);
    }
    // A segment no gradient flows out of (or that feeds itself) keeps its activations.
    if (gradients.length === 0) continue;
    segments++;
    const sums = gradients.map((g) =>
      emit('ReduceSum', [g], { keepdims: { type: 'int', value: 0 } }),
    );
    const condition = emit('IsNaN', [sums.length === 1 ? sums[0]! : emit('Sum', sums)]);
    const gated = new Map<string, string>();
    const gate = (v: string): string => {
      let g = gated.get(v);
      if (g === undefined) gated.set(v, (g = emit('Where', [condition, v, v])));
      return g;
    };
    const copies = new Map<string, string>();
    const copy = (v: string): string => {
      const done = copies.get(v);
      if (done !== undefined) return done;
      const node = producer.get(v)!;
      const inputs = node.inputs.map((i) => {
        // Graph inputs are not gated: a copy reading only graph inputs and constants may be merged with its
        // original by onnxruntime, which keeps that (rare) value alive as if saved, and costs nothing else.
        if (i === '' || constant.has(i) || graphInputs.has(i)) return i;
        if (segmentOfValue(i) === key && !saved.has(i)) return copy(i);
        return gate(i);
      });
      const outs = node.outputs.map((o) => (o === '' ? '' : fresh(`${o}/recompute`)));
      node.outputs.forEach((o, k) => {
        if (o !== '') copies.set(o, outs[k]!);
      });
      added.push({ ...node, name: fresh(`ckpt/${node.name}`), inputs, outputs: outs });
      recomputedNodes++;
      return copies.get(v)!;
    };
    for (const v of values) replacement.set(v, copy(v));
  }
  for (const node of backward) node.inputs = node.inputs.map((i) => replacement.get(i) ?? i);

  graph.nodes = orderNodes([...forward, ...backward], added);
  return {
    segments,
    recomputedNodes,
    savedValuesBefore,
    savedValuesAfter: readByBackward(graph.nodes.filter((n) => !isForward.has(n))),
  };
}

/**
 * A topological order that keeps `nodes` in their order and places each of `extra` right before the first node
 * that needs it, so onnxruntime recomputes a segment just before its backward.
 */
function orderNodes(nodes: readonly Node[], extra: readonly Node[]): Node[] {
  const producer = new Map<string, Node>();
  for (const n of [...nodes, ...extra]) for (const o of n.outputs) if (o !== '') producer.set(o, n);
  const state = new Map<Node, 'visiting' | 'done'>();
  const order: Node[] = [];
  // Iterative depth-first search: copied segments can be long chains.
  for (const root of nodes) {
    if (state.get(root) === 'done') continue;
    const stack: { node: Node; next: number }[] = [{ node: root, next: 0 }];
    state.set(root, 'visiting');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.node.inputs.length) {
        const p = producer.get(top.node.inputs[top.next++]!);
        if (p === undefined || state.get(p) === 'done') continue;
        if (state.get(p) === 'visiting') {
          const from = stack.findIndex((s) => s.node === p);
          const cycle = stack.slice(from).map((s) => s.node.name);
          const shown = cycle.length > 6 ? [...cycle.slice(0, 3), '…', ...cycle.slice(-3)] : cycle;
          throw new OnnxError(
            'INVALID_OPTION',
            `recomputeSegments: node '${p.name}' depends on itself after recomputation (${shown.join(' ← ')}); the segments are not convex (a path leaves a segment and re-enters it); pass a segmentOf that groups whole layers`,
          );
        }
        state.set(p, 'visiting');
        stack.push({ node: p, next: 0 });
        continue;
      }
      state.set(top.node, 'done');
      order.push(top.node);
      stack.pop();
    }
  }
  return order;
}
