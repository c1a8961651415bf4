import { GraphBuilder } from '../builder/graph-builder';
import { gelu } from '../builder/layers';
import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { ModelStructure } from '../structure/model-structure';
import { sortNodes, splice } from './splice';
import { checkGraph, checkOptions, show, isList } from '../check-args';

/**
 * Where builder-made models take adapters: the output of each attention output projection and of each
 * feed-forward output projection (after their dropout when present), before the residual add — the places of
 * Houlsby et al. (2019), figure 2. Node names as {@link buildBert} and {@link buildGpt2} spell them; PyTorch's
 * exporter gives Hugging Face BERT models the same names, under a prefix such as `/bert` for task models.
 */
export const ADAPTER_SITES: Readonly<Record<'attention' | 'ffn', readonly RegExp[]>> = {
  attention: [
    /(?:^|\/)encoder\/layer\.\d+\/attention\/output\/dense\/Add$/,
    /(?:^|\/)transformer\/h\.\d+\/attn\/c_proj\/Add$/,
  ],
  ffn: [
    /(?:^|\/)encoder\/layer\.\d+\/output\/dense\/Add$/,
    /(?:^|\/)transformer\/h\.\d+\/mlp\/c_proj\/Add$/,
  ],
};

/** Options of {@link insertAdapters}. */
export interface AdapterOptions {
  /** Width of the bottleneck `m` (Houlsby: m ≪ hidden). */
  bottleneck: number;
  /**
   * Where: `'attention'` and/or `'ffn'` sites of a builder-made model (see {@link ADAPTER_SITES}), or explicit
   * value names `[batch, sequence, hidden]` to put an adapter on.
   * @defaultValue ['attention', 'ffn']
   */
  at?: readonly ('attention' | 'ffn' | { value: string })[];
  /** Nonlinearity between the projections. @defaultValue 'gelu' */
  activation?: 'gelu' | 'relu';
  /** Hidden size, when not readable from the graph. @defaultValue the dims of the site's bias initializer */
  hidden?: number;
  /** Std of the down-projection's normal init. @defaultValue 0.02 */
  std?: number;
  /**
   * Std of the up-projection's normal init; 0 (the default) makes every adapter start as the identity
   * (Houlsby's near-identity initialisation, taken to the limit).
   * @defaultValue 0
   */
  upStd?: number;
  /** @defaultValue 0 */
  seed?: number;
  /**
   * The graph's structural map ({@link mapModelStructure}): the `'attention'` and `'ffn'` sites come from it, so
   * foreign exports (any family the map knows) take adapters too. Parameters are then named
   * `<layer prefix>adapter.attention.*` / `adapter.ffn.*` (e.g. `bert.encoder.layer.0.adapter.ffn.down.weight`).
   * @defaultValue none: builder node names ({@link ADAPTER_SITES})
   */
  structure?: ModelStructure;
}

/** What {@link insertAdapters} added at one site. */
export interface Adapter {
  /** The value the adapter transforms (consumers now read the adapted value under the same name). */
  value: string;
  /** Parameter prefix: `<prefix>.down.weight` `[hidden, m]`, `.down.bias`, `.up.weight` `[m, hidden]`, `.up.bias`. */
  prefix: string;
}

/**
 * Inserts Houlsby bottleneck adapters `h + W_up·act(W_down·h + b_down) + b_up` on the hidden states after
 * attention and after the feed-forward block. Returns a new graph and the adapters; `graph` is not changed.
 * Freeze everything but the adapters (and LayerNorms, as Houlsby does) to train them.
 * @throws {OnnxError} `UNKNOWN_NODE` when a site kind matches no node (the graph was not made by the builder: pass
 *   value names); `UNKNOWN_VALUE` for an unknown value; `INVALID_OPTION` for a bad bottleneck or unknown hidden size.
 * @example const { graph: adapted } = insertAdapters(buildBert(config), { bottleneck: 8 });
 * @see https://arxiv.org/abs/1902.00751
 */
export function insertAdapters(
  graph: Graph,
  options: AdapterOptions,
): { graph: Graph; adapters: Adapter[] } {
  const where = 'insertAdapters';
  checkGraph(where, graph);
  checkOptions(
    where,
    options,
    {
      activation: ['gelu', 'relu'],
      hidden: 'positiveInteger',
      std: 'nonNegative',
      upStd: 'nonNegative',
      seed: 'finite',
      structure: 'object',
    },
    { required: ['bottleneck'] },
  );
  if (options.at !== undefined && !isList(options.at))
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: options.at must be an array of 'attention', 'ffn' or { value }, got ${show(options.at)}`,
    );
  if (!Number.isInteger(options.bottleneck) || options.bottleneck < 1) {
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: bottleneck must be a positive integer, got ${String(options.bottleneck)}`,
    );
  }
  const g = graph.clone();
  const consumers = g.consumers();
  const sites: { value: string; hidden: number | undefined; prefix: string; scope: string[] }[] =
    [];
  const requested = options.at ?? ['attention', 'ffn'];
  const kinds = (['attention', 'ffn'] as const).filter((k) => requested.includes(k));
  const found = new Set<string>();
  for (const layer of options.structure?.layers ?? []) {
    for (const kind of kinds) {
      found.add(kind);
      const scope = [...layer.prefix.split('.').filter((p) => p !== ''), 'adapter', kind];
      sites.push({
        value: kind === 'attention' ? layer.attentionOutput : layer.ffnOutput,
        hidden: options.hidden ?? options.structure!.hiddenSize,
        prefix: scope.join('.'),
        scope,
      });
    }
  }
  // Builder sites in graph order (layer by layer), explicit values after them.
  for (const n of options.structure === undefined ? g.nodes : []) {
    const kind = kinds.find(
      (k) => n.opType === 'Add' && ADAPTER_SITES[k].some((r) => r.test(n.name)),
    );
    if (kind === undefined) continue;
    found.add(kind);
    // The bias initializer's size is the hidden size; continue after a Dropout if one follows.
    const bias = n.inputs.map((i) => g.initializers.get(i)).find((t) => t?.dims.length === 1);
    let value = n.outputs[0]!;
    const next = consumers.get(value);
    if (next?.length === 1 && next[0]!.opType === 'Dropout') value = next[0]!.outputs[0]!;
    // `/encoder/layer.0/attention/output/dense/Add` → scope encoder/layer.0/attention/output/adapter.
    const scope = [...n.name.slice(1).split('/').slice(0, -2), 'adapter'];
    sites.push({ value, hidden: options.hidden ?? bias?.dims[0], prefix: scope.join('.'), scope });
  }
  for (const kind of kinds) {
    if (!found.has(kind)) {
      throw new OnnxError(
        'UNKNOWN_NODE',
        `${where}: no '${kind}' adapter site (a node named like ${ADAPTER_SITES[kind].map(String).join(' or ')}); pass { value } sites for graphs not made by the builder`,
      );
    }
  }
  for (const site of requested) {
    if (typeof site !== 'object') continue;
    const clean = site.value.replace(/[^A-Za-z0-9_.]+/g, '_').replace(/^_+/, '');
    sites.push({
      value: site.value,
      hidden: options.hidden,
      prefix: `adapters.${clean}`,
      scope: ['adapters', clean],
    });
  }
  const b = new GraphBuilder({ graph: g, seed: options.seed ?? 0 });
  const adapters: Adapter[] = [];
  for (const site of sites) {
    const hidden = site.hidden;
    if (hidden === undefined) {
      throw new OnnxError(
        'INVALID_OPTION',
        `${where}: the hidden size at '${site.value}' is unknown; pass options.hidden`,
      );
    }
    const { source, target } = splice(g, site.value, 'adapter');
    b.adopt(source, target);
    const path = site.scope;
    const run = (i: number): void => {
      if (i < path.length) {
        b.scope(path[i]!, () => run(i + 1));
        return;
      }
      const down = b.parameter(`${site.prefix}.down.weight`, [hidden, options.bottleneck], {
        normal: options.std ?? 0.02,
      });
      const downBias = b.parameter(`${site.prefix}.down.bias`, [options.bottleneck], 'zeros');
      const upStd = options.upStd ?? 0;
      const up = b.parameter(
        `${site.prefix}.up.weight`,
        [options.bottleneck, hidden],
        upStd === 0 ? 'zeros' : { normal: upStd },
      );
      const upBias = b.parameter(`${site.prefix}.up.bias`, [hidden], 'zeros');
      const h = b.op1(
        'Add',
        [b.op1('MatMul', [source, down], {}, 'down/MatMul'), downBias],
        {},
        'down/Add',
      );
      const act = options.activation === 'relu' ? b.op1('Relu', [h]) : gelu(b, h, 'none');
      const out = b.op1('Add', [b.op1('MatMul', [act, up], {}, 'up/MatMul'), upBias], {}, 'up/Add');
      b.op('Add', [source, out], {}, { name: 'Residual', outputs: [target], reuseNames: true });
    };
    run(0);
    adapters.push({ value: site.value, prefix: site.prefix });
  }
  sortNodes(g);
  return { graph: g, adapters };
}
