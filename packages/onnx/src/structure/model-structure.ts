import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { Node } from '../types';
import { detectFamily } from './architectures';
import type { Family, FamilyName } from './architectures';
import { foldedWeightKey, isExporterName, isParameterLike, weightConsumer } from './parameter-keys';
import { checkGraph } from '../check-args';

/** Where a parameter sits in the model. */
export type ParameterPart = 'embeddings' | 'layer' | 'top' | 'head';

/** One parameter of the graph, placed. */
export interface ParameterPlace {
  /** The initializer's name in the graph. */
  name: string;
  /** Its PyTorch state-dict key (equal to `name` unless the exporter renamed it). */
  key: string;
  /**
   * `embeddings`; `layer` (transformer layer {@link layer}); `top`, the pretrained parts above the last layer
   * (BERT's pooler, GPT-2's final LayerNorm); `head`, everything outside the pretrained body (classifier, LM head).
   */
  part: ParameterPart;
  /** 0-based transformer layer, for part `layer`. */
  layer?: number;
  /** The initializer is the transpose of the state-dict tensor (`[in, out]` for an `nn.Linear`). */
  transposed: boolean;
  /** The initializer is a transposed copy of another initializer (GPT-2's LM head of `wte`). */
  copyOf?: string;
}

/** The sites of one transformer layer that surgery and dropout use. */
export interface LayerSites {
  /** 0-based layer index. */
  index: number;
  /** State-dict key prefix of the layer, e.g. `bert.encoder.layer.3.`. */
  prefix: string;
  /** MatMul/Gemm node names of the query, key and value projections (one fused node for GPT-2's c_attn). */
  query: string;
  key: string;
  value: string;
  /** The attention output projection's result, bias added, before dropout and the residual add. */
  attentionOutput: string;
  /** The feed-forward block's result, bias added, before dropout and the residual add. */
  ffnOutput: string;
  /** MatMul/Gemm node names of the feed-forward block's first (widening) and second (narrowing) projections. */
  ffnUp: string;
  ffnDown: string;
  /** Softmax outputs of the layer's attention (the attention probabilities). */
  attentionProbabilities: string[];
}

/** A MatMul/Gemm of the head and the value it reads. */
export interface HeadProjection {
  node: string;
  /** State-dict key of its weight. */
  weight: string;
  input: string;
}

/** The structural map of a transformer graph (see {@link mapModelStructure}). */
export interface ModelStructure {
  family: FamilyName;
  /** The body's key prefix in a task model (`bert.`, `transformer.`), '' for a body export. */
  prefix: string;
  numLayers: number;
  /** Width of the residual stream (the attention output projection's bias size); 0 without layers. */
  hiddenSize: number;
  /** Every parameter by initializer name, in graph order. */
  parameters: ReadonlyMap<string, ParameterPlace>;
  /** Initializers that are not parameters: buffers (position ids, causal masks) and folded constants. */
  constants: readonly string[];
  layers: readonly LayerSites[];
  /** The embeddings' output (after BERT's embedding LayerNorm; GPT-2's token + position sum). */
  embeddingsOutput: string | undefined;
  /** The head's projections in graph order. */
  head: readonly HeadProjection[];
  /**
   * The layer numbering of @nlpft/training's freeze plans and learning-rate groups: embeddings 0, layer i → i + 1,
   * the top parts (pooler, final LayerNorm) with the last layer (L), the head `undefined`.
   * @throws {OnnxError} `UNPLACED_PARAMETER` for a name that is not a parameter of the graph.
   */
  layerOf: (name: string) => number | undefined;
}

/**
 * Maps a transformer graph's initializers to the parts of the model, from structure rather than from a guess at
 * names: each parameter gets its PyTorch state-dict key (folded `onnx::MatMul_*` weights are named after the bias
 * their MatMul adds, or the node's module scope) and its part — embeddings, transformer layer i, the top (pooler,
 * final LayerNorm) or the head. It also finds each layer's attention and feed-forward sites. Works on Hugging Face
 * exports (optimum, transformers.js, `torch.onnx.export`) of the BERT, DistilBERT and GPT-2 families and on graphs
 * made by {@link buildBert} and {@link buildGpt2}, before and after {@link restoreTrainableLayout}.
 * @throws {OnnxError} `UNSUPPORTED_MODEL` when the graph has no transformer layers of a known family;
 *   `UNPLACED_PARAMETER` when a parameter-like initializer cannot be placed (the message names it).
 * @example const map = mapModelStructure(graph); map.layerOf('bert.encoder.layer.0.output.dense.bias') // 1
 */
export function mapModelStructure(graph: Graph): ModelStructure {
  checkGraph('mapModelStructure', graph);
  const consumers = graph.consumers();
  const keyed: { name: string; key: string; transposed: boolean }[] = [];
  const constants: string[] = [];
  for (const [name, t] of graph.initializers) {
    if (!isParameterLike(t)) {
      constants.push(name);
      continue;
    }
    if (!isExporterName(name)) {
      keyed.push({ name, key: name, transposed: false });
      continue;
    }
    const use = t.dims.length === 2 ? weightConsumer(name, consumers) : undefined;
    if (use === undefined || use.throughTranspose) {
      constants.push(name);
      continue;
    }
    const key = foldedWeightKey(use.node, graph, consumers);
    if (key === undefined)
      throw new OnnxError(
        'UNPLACED_PARAMETER',
        `mapModelStructure: the weight '${name}' [${t.dims.join(', ')}] of node '${use.node.name}' has no state-dict key: its product gets no named bias and the node has no module scope`,
      );
    keyed.push({ name, key, transposed: !gemmTransposesB(use.node) });
  }
  const detected = detectFamily(keyed.map((k) => k.key));
  if (detected === undefined)
    throw new OnnxError(
      'UNSUPPORTED_MODEL',
      `mapModelStructure: found no transformer layers of a known family (BERT, DistilBERT, GPT-2) among the parameters ${sample(keyed.map((k) => k.key))}`,
    );
  const { family, prefix } = detected;
  const parameters = new Map<string, ParameterPlace>();
  for (const k of keyed) parameters.set(k.name, place(k, family, prefix, graph, consumers));
  markCopies(graph, parameters);
  const numLayers = countLayers(parameters);
  const layers = Array.from({ length: numLayers }, (_, i) =>
    layerSites(graph, consumers, family, `${prefix}${layerPrefix(family, i)}`, i, parameters),
  );
  const head = headProjections(parameters, consumers);
  const biasKey = `${prefix}${layerPrefix(family, 0)}${family.modules.attentionOutput}.bias`;
  const bias = [...parameters.values()].find((p) => p.key === biasKey);
  return {
    family: family.name,
    prefix,
    numLayers,
    hiddenSize: bias === undefined ? 0 : graph.initializers.get(bias.name)!.dims[0]!,
    parameters,
    constants,
    layers,
    embeddingsOutput: embeddingsOutput(consumers, family, prefix, parameters),
    head,
    layerOf: (name) => {
      const p = parameters.get(name);
      if (p === undefined)
        throw new OnnxError(
          'UNPLACED_PARAMETER',
          `layerOf: '${name}' is not a parameter of the mapped graph (it has ${parameters.size}); map the graph again after surgery`,
        );
      if (p.part === 'embeddings') return 0;
      if (p.part === 'layer') return p.layer! + 1;
      if (p.part === 'top') return numLayers;
      return undefined;
    },
  };
}

function gemmTransposesB(node: Node): boolean {
  const t = node.attributes['transB'];
  return node.opType === 'Gemm' && t?.type === 'int' && t.value === 1;
}

function sample(keys: readonly string[]): string {
  const shown = keys.slice(0, 8).map((k) => `'${k}'`);
  return keys.length === 0
    ? '(none)'
    : `${shown.join(', ')}${keys.length > 8 ? ` and ${keys.length - 8} more` : ''}`;
}

function layerPrefix(family: Family, i: number): string {
  return family.name === 'gpt2'
    ? `h.${i}.`
    : family.name === 'distilbert'
      ? `transformer.layer.${i}.`
      : `encoder.layer.${i}.`;
}

function place(
  k: { name: string; key: string; transposed: boolean },
  family: Family,
  prefix: string,
  graph: Graph,
  consumers: ReadonlyMap<string, Node[]>,
): ParameterPlace {
  const inBody = k.key.startsWith(prefix);
  const rest = inBody ? k.key.slice(prefix.length) : k.key;
  // A named [in, out] weight multiplied directly is the transpose of nn.Linear's [out, in], except Conv1D's.
  let transposed = k.transposed;
  if (k.name === k.key && graph.initializers.get(k.name)!.dims.length === 2) {
    const use = weightConsumer(k.name, consumers);
    transposed =
      use !== undefined &&
      !use.throughTranspose &&
      !gemmTransposesB(use.node) &&
      !(inBody && family.conv1d.test(rest));
  }
  const base = { name: k.name, key: k.key, transposed };
  if (inBody) {
    if (family.embeddings.test(rest)) return { ...base, part: 'embeddings' };
    const m = family.layer.exec(rest);
    if (m) return { ...base, part: 'layer', layer: Number(m[1]) };
    if (family.top.test(rest)) return { ...base, part: 'top' };
    const root = rest.split('.')[0]!;
    if (prefix !== '' || family.bodyRoots.includes(root))
      throw new OnnxError(
        'UNPLACED_PARAMETER',
        `mapModelStructure: '${k.name}'${k.key !== k.name ? ` (state-dict key '${k.key}')` : ''} lies in the ${family.name} body but in no part the map knows (embeddings, layers, ${family.name === 'gpt2' ? 'ln_f' : 'pooler'}); train it only after placing it by hand`,
      );
  }
  return { ...base, part: 'head' };
}

/** Marks folded weights that are transposed copies of another initializer (a tied LM head). */
function markCopies(graph: Graph, parameters: Map<string, ParameterPlace>): void {
  for (const p of parameters.values()) {
    if (p.name === p.key || !p.transposed) continue;
    const t = graph.initializers.get(p.name)!;
    const [rows, cols] = t.dims as [number, number];
    for (const other of parameters.values()) {
      if (other === p) continue;
      const o = graph.initializers.get(other.name)!;
      if (o.dims.length !== 2 || o.dims[0] !== cols || o.dims[1] !== rows) continue;
      if (isTransposeOf(t.data as ArrayLike<number>, o.data as ArrayLike<number>, rows, cols)) {
        p.copyOf = other.name;
        break;
      }
    }
  }
}

function isTransposeOf(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rows: number,
  cols: number,
): boolean {
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) if (a[i * cols + j] !== b[j * rows + i]) return false;
  return true;
}

function countLayers(parameters: ReadonlyMap<string, ParameterPlace>): number {
  const seen = new Set<number>();
  for (const p of parameters.values()) if (p.layer !== undefined) seen.add(p.layer);
  const n = seen.size === 0 ? 0 : Math.max(...seen) + 1;
  for (let i = 0; i < n; i++)
    if (!seen.has(i))
      throw new OnnxError(
        'UNPLACED_PARAMETER',
        `mapModelStructure: layers 0..${n - 1} expected, but no parameter lies in layer ${i}`,
      );
  return n;
}

/** The node multiplying by the weight with state-dict key `key` (folded, named, or behind a Transpose). */
function projectionNode(
  key: string,
  parameters: ReadonlyMap<string, ParameterPlace>,
  consumers: ReadonlyMap<string, Node[]>,
): Node | undefined {
  for (const p of parameters.values()) {
    if (p.key !== key) continue;
    const use = weightConsumer(p.name, consumers);
    if (use) return use.node;
  }
  return undefined;
}

/** A projection's result: its bias Add (or the Gemm), then through Reshape back to 3-D and any Dropout. */
function projectionOutput(node: Node, consumers: ReadonlyMap<string, Node[]>): string {
  let value = node.outputs[0]!;
  if (node.opType === 'MatMul') {
    const next = consumers.get(value) ?? [];
    if (next.length === 1 && next[0]!.opType === 'Add') value = next[0]!.outputs[0]!;
  }
  for (;;) {
    const next = consumers.get(value) ?? [];
    if (next.length !== 1 || !['Reshape', 'Dropout'].includes(next[0]!.opType)) return value;
    value = next[0]!.outputs[0]!;
  }
}

function layerSites(
  graph: Graph,
  consumers: ReadonlyMap<string, Node[]>,
  family: Family,
  prefix: string,
  index: number,
  parameters: ReadonlyMap<string, ParameterPlace>,
): LayerSites {
  const node = (module: string): Node => {
    const found = projectionNode(`${prefix}${module}.weight`, parameters, consumers);
    if (found === undefined)
      throw new OnnxError(
        'UNSUPPORTED_MODEL',
        `mapModelStructure: layer ${index} has no projection '${prefix}${module}' (a ${family.name} layer has ${Object.values(family.modules).join(', ')})`,
      );
    return found;
  };
  const m = family.modules;
  const query = node(m.query);
  const out = node(m.attentionOutput);
  const order = new Map(graph.nodes.map((n, i) => [n, i]));
  const from = order.get(query)!;
  const to = order.get(out)!;
  const probabilities = graph.nodes
    .slice(from, to)
    .filter((n) => n.opType === 'Softmax')
    .map((n) => n.outputs[0]!);
  return {
    index,
    prefix,
    query: query.name,
    key: node(m.key).name,
    value: node(m.value).name,
    attentionOutput: projectionOutput(out, consumers),
    ffnOutput: projectionOutput(node(m.ffnOutput), consumers),
    ffnUp: node(m.ffnIn).name,
    ffnDown: node(m.ffnOutput).name,
    attentionProbabilities: probabilities,
  };
}

function headProjections(
  parameters: ReadonlyMap<string, ParameterPlace>,
  consumers: ReadonlyMap<string, Node[]>,
): HeadProjection[] {
  const out: HeadProjection[] = [];
  for (const p of parameters.values()) {
    if (p.part !== 'head' || p.copyOf !== undefined) continue;
    const use = weightConsumer(p.name, consumers);
    if (use) out.push({ node: use.node.name, weight: p.key, input: use.node.inputs[0]! });
  }
  return out;
}

function embeddingsOutput(
  consumers: ReadonlyMap<string, Node[]>,
  family: Family,
  prefix: string,
  parameters: ReadonlyMap<string, ParameterPlace>,
): string | undefined {
  const byKey = new Map([...parameters.values()].map((p) => [p.key, p.name]));
  if (family.name === 'gpt2') {
    // wpe's Gather feeds the Add of token and position embeddings.
    const wpe = byKey.get(`${prefix}wpe.weight`);
    const gather = (consumers.get(wpe ?? '') ?? []).find((n) => n.opType === 'Gather');
    const add = (consumers.get(gather?.outputs[0] ?? '') ?? []).find((n) => n.opType === 'Add');
    return add?.outputs[0];
  }
  // The embedding LayerNorm's last node: LayerNormalization, or the Add of its bias when spelled out.
  const bias = byKey.get(`${prefix}embeddings.LayerNorm.bias`);
  const last = (consumers.get(bias ?? '') ?? []).find((n) =>
    ['LayerNormalization', 'Add'].includes(n.opType),
  );
  return last?.outputs[0];
}
