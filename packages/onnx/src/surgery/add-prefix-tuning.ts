import { GraphBuilder } from '../builder/graph-builder';
import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { ModelStructure } from '../structure/model-structure';
import type { Node } from '../types';
import { prefixAtStructure } from './prefix-at-structure';
import { sortNodes, splice } from './splice';
import { checkGraph, checkOptions } from '../check-args';

/** Options of {@link addPrefixTuning}. */
export interface PrefixTuningOptions {
  /** Number of virtual tokens `P` prepended to every layer's keys and values (0 leaves the model unchanged). */
  prefixLength: number;
  /** Std of the normal init of the prefixes. @defaultValue 0.02 */
  std?: number;
  /** @defaultValue 0 */
  seed?: number;
  /**
   * The graph's structural map ({@link mapModelStructure}), for graphs not made by the builder (Hugging Face
   * exports): the attention sites come from it, and the parameters are `<layer prefix>attention_prefix.key` /
   * `.value`. Needs {@link heads}.
   * @defaultValue none: the builder's node names
   */
  structure?: ModelStructure;
  /** Attention heads per layer (`num_attention_heads`), with `structure`. */
  heads?: number;
}

/** The prefix parameters of one attention layer. */
export interface AttentionPrefix {
  /** Scope of the attention layer, e.g. `/encoder/layer.0/attention/self`. */
  layer: string;
  /** Initializer `[heads, P, headDim]` prepended to the keys. */
  key: string;
  /** Initializer `[heads, P, headDim]` prepended to the values. */
  value: string;
}

/**
 * Prefix tuning: every attention layer attends to `P` extra learned key/value vectors per head before the real
 * tokens, `softmax(q·[P_k; K]ᵀ/√d + [0; mask])·[P_v; V]` (the prefixes are never masked). Parameters are
 * `<layer>.prefix_key` and `<layer>.prefix_value`, `[heads, P, headDim]` (the per-example layout of
 * `past_key_values`), ~ N(0, std²). Works on graphs made by {@link buildBert} and {@link buildGpt2}, whose
 * attention nodes are named `KeyTranspose`, `ValueTranspose` and `MaskAdd`. Returns a new graph; `graph` is not
 * changed. Train only the prefixes (and a head) for the method of Li & Liang (2021).
 * @throws {OnnxError} `UNKNOWN_NODE` when the graph has no builder attention layers; `INVALID_OPTION` for a
 *   negative or fractional `prefixLength`.
 * @example const { graph: prefixed } = addPrefixTuning(buildGpt2(config), { prefixLength: 10 });
 * @see https://arxiv.org/abs/2101.00190
 */
export function addPrefixTuning(
  graph: Graph,
  options: PrefixTuningOptions,
): { graph: Graph; prefixes: AttentionPrefix[] } {
  const where = 'addPrefixTuning';
  checkGraph(where, graph);
  checkOptions(
    where,
    options,
    {
      std: 'nonNegative',
      seed: 'finite',
      structure: 'object',
      heads: 'positiveInteger',
    },
    { required: ['prefixLength'] },
  );
  const p = options.prefixLength;
  if (!Number.isInteger(p) || p < 0) {
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: prefixLength must be an integer >= 0, got ${String(p)}`,
    );
  }
  const g = graph.clone();
  if (options.structure !== undefined) {
    if (options.heads === undefined)
      throw new OnnxError(
        'INVALID_OPTION',
        `${where}: pass heads (num_attention_heads) with structure`,
      );
    const prefixes =
      p === 0
        ? []
        : prefixAtStructure(g, options.structure, p, options.heads, {
            std: options.std ?? 0.02,
            seed: options.seed ?? 0,
          });
    sortNodes(g);
    return { graph: g, prefixes };
  }
  const byName = new Map(g.nodes.map((n) => [n.name, n]));
  const layers = g.nodes
    .filter((n) => n.opType === 'Transpose' && n.name.endsWith('/KeyTranspose'))
    .map((n) => n.name.slice(0, -'/KeyTranspose'.length));
  if (layers.length === 0) {
    throw new OnnxError(
      'UNKNOWN_NODE',
      `${where}: no attention layer found (nodes named '<scope>/KeyTranspose' as buildBert and buildGpt2 make them)`,
    );
  }
  const b = new GraphBuilder({ graph: g, seed: options.seed ?? 0 });
  const producers = g.producers();
  const paddedMasks = new Map<string, string>();
  const prefixes: AttentionPrefix[] = [];
  const need = (name: string): Node => {
    const n = byName.get(name);
    if (n === undefined)
      throw new OnnxError('UNKNOWN_NODE', `${where}: attention layer has no node '${name}'`);
    return n;
  };
  for (const layer of layers) {
    const keyT = need(`${layer}/KeyTranspose`);
    const valueT = need(`${layer}/ValueTranspose`);
    const maskAdd = need(`${layer}/MaskAdd`);
    // heads and headDim from the Reshape that splits the heads: shape constant [0, 0, heads, headDim].
    const reshape = producers.get(keyT.inputs[0]!);
    const split = reshape && b.constantValues(reshape.inputs[1]!);
    if (split?.length !== 4) {
      throw new OnnxError(
        'UNKNOWN_NODE',
        `${where}: '${keyT.name}' does not follow a Reshape to [0, 0, heads, headDim]`,
      );
    }
    const [, , heads, headDim] = split as [number, number, number, number];
    const prefix = layer.slice(1).split('/').join('.');
    const scopes = layer.slice(1).split('/');
    const inScope = <T>(body: () => T, i = 0): T =>
      i === scopes.length
        ? b.scope('prefix', body)
        : b.scope(scopes[i]!, () => inScope(body, i + 1));
    inScope(() => {
      const pk = b.parameter(`${prefix}.prefix_key`, [heads, p, headDim], {
        normal: options.std ?? 0.02,
      });
      const pv = b.parameter(`${prefix}.prefix_value`, [heads, p, headDim], {
        normal: options.std ?? 0.02,
      });
      prefixes.push({ layer, key: pk.name, value: pv.name });
      // Batch-broadcast shape [batch, 1, 1, 1] from the keys' runtime shape.
      const keys = splice(g, keyT.outputs[0]!, 'prefix');
      b.adopt(keys.source, keys.target);
      const batch = b.op1(
        'Slice',
        [b.op1('Shape', [keys.source], {}, 'Shape'), b.constant([0]), b.constant([1])],
        {},
        'Batch',
      );
      const expandShape = b.op1(
        'Concat',
        [batch, b.constant([1, 1, 1])],
        { axis: { type: 'int', value: 0 } },
        'ExpandShape',
      );
      // Keys are stored transposed, kᵀ [batch, heads, headDim, seq]: prepend P_kᵀ on the last axis.
      const pkT = b.op1(
        'Transpose',
        [pk],
        { perm: { type: 'ints', value: [0, 2, 1] } },
        'KeyPrefixTranspose',
      );
      const pkB = b.op1(
        'Expand',
        [b.op1('Unsqueeze', [pkT, b.constant([0])], {}, 'KeyUnsqueeze'), expandShape],
        {},
        'KeyExpand',
      );
      b.op(
        'Concat',
        [pkB, keys.source],
        { axis: { type: 'int', value: 3 } },
        { name: 'KeyConcat', outputs: [keys.target], reuseNames: true },
      );
      // Values [batch, heads, seq, headDim]: prepend on axis 2.
      const pvB = b.op1(
        'Expand',
        [b.op1('Unsqueeze', [pv, b.constant([0])], {}, 'ValueUnsqueeze'), expandShape],
        {},
        'ValueExpand',
      );
      const values = splice(g, valueT.outputs[0]!, 'prefix');
      b.adopt(values.source, values.target);
      b.op(
        'Concat',
        [pvB, values.source],
        { axis: { type: 'int', value: 2 } },
        { name: 'ValueConcat', outputs: [values.target], reuseNames: true },
      );
    });
    // The additive mask gains P zero columns in front (prefixes are always visible); shared masks are padded once.
    const mask = maskAdd.inputs[1]!;
    let padded = paddedMasks.get(mask);
    if (padded === undefined) {
      padded = b.scope('prefix_mask', () => {
        const lead = b.op1('Slice', [b.op1('Shape', [mask]), b.constant([0]), b.constant([3])]);
        const shape = b.op1('Concat', [lead, b.constant([p])], { axis: { type: 'int', value: 0 } });
        const zeros = b.op1('ConstantOfShape', [shape], {
          value: {
            type: 'tensor',
            value: { name: '', type: 'float32', dims: [1], data: new Float32Array(1) },
          },
        });
        return b.op1('Concat', [zeros, mask], { axis: { type: 'int', value: 3 } }).name;
      });
      paddedMasks.set(mask, padded);
    }
    maskAdd.inputs[1] = padded;
  }
  sortNodes(g);
  return { graph: g, prefixes };
}
