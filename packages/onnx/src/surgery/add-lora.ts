import { GraphBuilder } from '../builder/graph-builder';
import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { Node } from '../types';
import { sortNodes, splice } from './splice';
import { checkGraph, checkOptions, show, isList } from '../check-args';

/** Options of {@link addLora}. */
export interface LoraOptions {
  /**
   * The MatMul nodes to adapt: exact node names, or patterns matched against node names
   * (`/attention\/self\/(query|value)\/MatMul$/` adapts every query and value projection of a builder BERT).
   */
  matMuls: readonly (string | RegExp)[];
  /** Rank `r` of the update. */
  rank: number;
  /** Scale numerator: the update is `x·A·B · alpha/r`. @defaultValue rank (scale 1) */
  alpha?: number;
  /** Seed of A's init. @defaultValue 0 */
  seed?: number;
}

/** What {@link addLora} added for one MatMul. */
export interface LoraAdapter {
  /** The adapted MatMul node. */
  node: string;
  /** Initializer of A, `[in, r]`. */
  a: string;
  /** Initializer of B, `[r, out]`. */
  b: string;
  /** alpha / r. */
  scale: number;
}

/**
 * LoRA: adds a low-rank update to named MatMuls `y = x·W` with a constant weight, so `y = x·W + (x·A·B)·alpha/r`.
 * W may be an `[in, out]` initializer (the builder's layout) or the `Transpose` of an `[out, in]` one (PyTorch's
 * export of `nn.Linear`). A `[in, r]` ~ U(-1/√in, 1/√in) (PEFT's Kaiming-uniform init) and B `[r, out]` = 0, so the model is unchanged
 * until B is trained. Parameters are named after W (`…query.weight` → `…query.lora_A.weight`,
 * `…query.lora_B.weight`). Returns the new graph and the adapters; `graph` is not changed.
 * @throws {OnnxError} `UNKNOWN_NODE` when a name or pattern matches no MatMul (the message lists the MatMuls);
 *   `INVALID_INPUT` when W is not a rank-2 initializer; `INVALID_OPTION` when `rank`/`alpha` are not positive.
 * @example const { graph: tuned } = addLora(model, { matMuls: [/self\/(query|value)\/MatMul$/], rank: 8, alpha: 16 });
 * @see https://arxiv.org/abs/2106.09685
 */
export function addLora(
  graph: Graph,
  options: LoraOptions,
): { graph: Graph; adapters: LoraAdapter[] } {
  const where = 'addLora';
  checkGraph(where, graph);
  checkOptions(where, options, { seed: 'finite' }, { required: ['matMuls'] });
  if (!isList(options.matMuls) || options.matMuls.length === 0)
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: matMuls must be a non-empty array of node names or RegExps, got ${show(options.matMuls)}`,
    );
  options.matMuls.forEach((m: unknown, i) => {
    if (typeof m !== 'string' && !(m instanceof RegExp))
      throw new OnnxError(
        'INVALID_OPTION',
        `${where}: matMuls[${i}] must be a node name or a RegExp, got ${show(m)}`,
      );
  });
  const rank = options.rank;
  if (!Number.isInteger(rank) || rank < 1)
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: rank must be a positive integer, got ${String(rank)}`,
    );
  const alpha = options.alpha ?? rank;
  if (!(alpha > 0) || !Number.isFinite(alpha))
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: alpha must be a positive number, got ${String(alpha)}`,
    );
  // Gemm: GPT-2's Conv1D exports as Gemm on the flattened [batch·seq, in] input.
  const matMuls = graph.nodes.filter(
    (n) => n.opType === 'MatMul' || (n.opType === 'Gemm' && !intAttribute(n, 'transA')),
  );
  const chosen = new Set<string>();
  for (const request of options.matMuls) {
    const hits = matMuls.filter((n) =>
      typeof request === 'string' ? n.name === request : request.test(n.name),
    );
    if (hits.length === 0) {
      const listed = matMuls
        .slice(0, 20)
        .map((n) => `'${n.name}'`)
        .join(', ');
      throw new OnnxError(
        'UNKNOWN_NODE',
        `${where}: no MatMul node matches ${String(request)}; the graph's MatMuls include ${listed}${matMuls.length > 20 ? ` and ${matMuls.length - 20} more` : ''}`,
      );
    }
    for (const n of hits) chosen.add(n.name);
  }
  const g = graph.clone();
  const b = new GraphBuilder({ graph: g, seed: options.seed ?? 0 });
  const scale = alpha / rank;
  const adapters: LoraAdapter[] = [];
  for (const node of g.nodes.filter((n) => chosen.has(n.name))) {
    const [x, second] = node.inputs as [string, string];
    const weight = resolveWeight(g, second, node.opType === 'Gemm' && intAttribute(node, 'transB'));
    if (weight === undefined) {
      throw new OnnxError(
        'INVALID_INPUT',
        `${where}: MatMul '${node.name}' must multiply by a rank-2 initializer (or its Transpose, as PyTorch exports nn.Linear); its second input '${second}' is neither`,
      );
    }
    const { name: wName, inFeatures, outFeatures } = weight;
    const base = wName.endsWith('.weight') ? wName.slice(0, -'.weight'.length) : wName;
    const { source, target } = splice(g, node.outputs[0]!, 'lora');
    b.adopt(source, target);
    const scope = /\/(MatMul|Gemm)$/.test(node.name)
      ? node.name.slice(1).replace(/\/(MatMul|Gemm)$/, '')
      : `${node.name.replace(/^\//, '')}/lora`;
    nestedScope(b, scope, () => {
      const delta = b.scope('lora', () => {
        const a = b.parameter(`${base}.lora_A.weight`, [inFeatures, rank], {
          uniform: 1 / Math.sqrt(inFeatures),
        });
        const bb = b.parameter(`${base}.lora_B.weight`, [rank, outFeatures], 'zeros');
        const low = b.op1('MatMul', [b.op1('MatMul', [x, a], {}, 'MatMul_A'), bb], {}, 'MatMul_B');
        adapters.push({ node: node.name, a: a.name, b: bb.name, scale });
        return b.op1('Mul', [low, b.scalar(scale)], {}, 'Scale');
      });
      b.op('Add', [source, delta], {}, { name: 'lora/Add', outputs: [target], reuseNames: true });
    });
  }
  sortNodes(g);
  return { graph: g, adapters };
}

/** The weight behind a MatMul's second input: a `[in, out]` initializer, or `Transpose` of an `[out, in]` one. */
function resolveWeight(
  g: Graph,
  value: string,
  transB = false,
): { name: string; inFeatures: number; outFeatures: number } | undefined {
  const direct = g.initializers.get(value);
  if (direct !== undefined) {
    if (direct.dims.length !== 2) return undefined;
    const [rows, cols] = direct.dims as [number, number];
    return transB
      ? { name: value, inFeatures: cols, outFeatures: rows }
      : { name: value, inFeatures: rows, outFeatures: cols };
  }
  if (transB) return undefined;
  const producer = g.nodes.find((n) => n.outputs[0] === value);
  if (producer?.opType !== 'Transpose') return undefined;
  const perm = producer.attributes['perm'];
  if (
    perm !== undefined &&
    !(perm.type === 'ints' && perm.value.length === 2 && perm.value[0] === 1)
  )
    return undefined;
  const source = g.initializers.get(producer.inputs[0]!);
  if (source?.dims.length !== 2) return undefined;
  return { name: source.name, inFeatures: source.dims[1]!, outFeatures: source.dims[0]! };
}

function nestedScope<T>(b: GraphBuilder, path: string, body: () => T): T {
  const parts = path.split('/').filter((p) => p !== '');
  const run = (i: number): T =>
    i === parts.length ? body() : b.scope(parts[i]!, () => run(i + 1));
  return run(0);
}

function intAttribute(node: Node, name: string): boolean {
  const a = node.attributes[name];
  return a?.type === 'int' && a.value !== 0;
}
