import type { DataType } from '../data-type';
import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { Node, ValueInfo } from '../types';
import { Emitter } from './emitter';
import {
  DIFFERENTIABLE_INPUTS,
  GRADIENT_RULES,
  NON_DIFFERENTIABLE,
  NON_DIFFERENTIABLE_OUTPUTS,
} from './gradient-rules';
import type { RuleContext } from './gradient-rules';
import { inferRanks } from './infer-ranks';
import { floatFill } from './rules/gradient-helpers';
import { recomputeSegments } from './recompute-segments';
import type { RecomputeReport } from './recompute-segments';
import { checkArg, checkGraph, checkOptions, show } from '../check-args';

/** Options of {@link buildGradientGraph}. */
export interface GradientGraphOptions {
  /** Name of the scalar loss value (a graph output or any node output). */
  loss: string;
  /** Initializers to differentiate; they become graph inputs so one session serves every step. */
  trainable: Iterable<string>;
  /**
   * Prefix of the gradient outputs: the gradient of `w` is output `${gradPrefix}w`.
   * @defaultValue 'grad.'
   */
  gradPrefix?: string;
  /**
   * Forward values to keep as extra outputs (logits for metrics, say).
   * @defaultValue []
   */
  keepOutputs?: readonly string[];
  /**
   * Gradient checkpointing: backward recomputes the activations inside each transformer layer from the layer's
   * inputs instead of keeping them alive from forward (see `recomputeSegments`), trading about one more forward
   * pass of compute for memory, as Hugging Face's `gradient_checkpointing_enable()` does. A function picks the
   * segments instead: the segment of a forward node, or `undefined` to keep its activations.
   * @defaultValue false
   */
  gradientCheckpointing?: boolean | ((node: Node, graph: Graph) => string | undefined);
}

/** What {@link buildGradientGraph} made: the graph and the names of its outputs. */
export interface GradientGraph {
  graph: Graph;
  loss: string;
  /** Gradient output name of each trainable initializer, in the order given. */
  gradients: Map<string, string>;
  /** Trainable initializers, now graph inputs: name → their (former) values. */
  parameters: Map<string, { type: DataType; dims: number[] }>;
  /** What gradient checkpointing recomputes; absent when it is off. */
  recompute?: RecomputeReport;
}

function diffInputs(node: Node): readonly number[] {
  return DIFFERENTIABLE_INPUTS[node.opType] ?? node.inputs.map((_, i) => i);
}

function diffOutput(node: Node, slot: number): boolean {
  if (node.opType === 'Cast') {
    const to = node.attributes['to'];
    // Only casts to float types (FLOAT 1, FLOAT16 10, DOUBLE 11, BFLOAT16 16) carry gradients.
    return to?.type === 'int' && [1, 10, 11, 16].includes(to.value);
  }
  return !(NON_DIFFERENTIABLE_OUTPUTS[node.opType] ?? []).includes(slot);
}

/**
 * Reverse-mode automatic differentiation of an ONNX graph: a new graph computing the loss and the gradient of every
 * trainable initializer, using standard opset-13+ ops only (onnxruntime's inference build runs it). Only nodes on a
 * path from a trainable tensor to the loss get backward nodes, and forward nodes that neither the loss nor a
 * gradient needs are pruned, so frozen layers below the lowest trainable one cost no backward compute.
 * @throws {OnnxError} `UNKNOWN_VALUE` when the loss or a trainable name is not in the graph; `INVALID_OPTION` when
 *   the loss does not depend on any trainable tensor or trainable tensors mix float types; `NO_GRADIENT_RULE` naming
 *   the op and node when an op on the path has no rule.
 * @example
 * const { graph: training } = buildGradientGraph(graph, { loss: 'loss', trainable: ['w', 'b'] });
 * // outputs: loss, grad.w, grad.b; inputs: the forward inputs plus w and b
 */
export function buildGradientGraph(forward: Graph, options: GradientGraphOptions): GradientGraph {
  const where = 'buildGradientGraph';
  checkGraph(where, forward, 'forward');
  checkOptions(
    where,
    options,
    {
      loss: 'string',
      gradPrefix: 'string',
      keepOutputs: 'stringList',
    },
    {
      required: ['loss', 'trainable'],
    },
  );
  const checkpointing: unknown = options.gradientCheckpointing;
  if (
    checkpointing !== undefined &&
    typeof checkpointing !== 'boolean' &&
    typeof checkpointing !== 'function'
  )
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: options.gradientCheckpointing must be a boolean or a function from a node to its segment, got ${show(checkpointing)}`,
    );
  const given: unknown = options.trainable;
  if (
    typeof given !== 'object' ||
    given === null ||
    typeof (given as Iterable<unknown>)[Symbol.iterator] !== 'function'
  )
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: options.trainable must be an iterable of initializer names, got ${show(given)}`,
    );
  for (const name of given as Iterable<unknown>)
    checkArg(where, 'options.trainable[]', name, 'string');
  const graph = forward.clone();
  // Backward rules use opset 15–16 features (CastLike, Shape start/end, scatter reductions). Opsets 13–16 only add
  // to what these forward ops mean, so such graphs are lifted to 17; before 13 Softmax and the axes inputs differ.
  if (graph.opset < 13) {
    throw new OnnxError(
      'INVALID_INPUT',
      `buildGradientGraph: the graph imports ai.onnx opset ${graph.opset}; autodiff needs opset 13 or later (re-export with opset_version=17)`,
    );
  }
  if (graph.opset < 17)
    graph.opsetImports.set(graph.opsetImports.has('ai.onnx') ? 'ai.onnx' : '', 17);
  const prefix = options.gradPrefix ?? 'grad.';
  const trainable = [...new Set(options.trainable)];
  const producers = graph.producers();
  const lossName = options.loss;
  const isValue = (n: string): boolean =>
    producers.has(n) || graph.initializers.has(n) || graph.inputs.some((v) => v.name === n);
  if (!isValue(lossName)) {
    const outs = graph.outputs.map((o) => o.name).join(', ');
    throw new OnnxError(
      'UNKNOWN_VALUE',
      `buildGradientGraph: loss '${lossName}' is not a value of the graph; its outputs are: ${outs}`,
    );
  }
  if (trainable.length === 0)
    throw new OnnxError(
      'INVALID_OPTION',
      'buildGradientGraph: trainable is empty; name at least one initializer',
    );
  let floatType: DataType | undefined;
  for (const name of trainable) {
    const t = graph.initializers.get(name);
    if (t === undefined) {
      const some = [...graph.initializers.keys()].slice(0, 10).join(', ');
      throw new OnnxError(
        'UNKNOWN_VALUE',
        `buildGradientGraph: trainable '${name}' is not an initializer (some are: ${some})`,
      );
    }
    if (t.type !== 'float32' && t.type !== 'float64') {
      throw new OnnxError(
        'INVALID_OPTION',
        `buildGradientGraph: trainable '${name}' is ${t.type}; only float32 and float64 tensors are trained`,
      );
    }
    if (floatType !== undefined && floatType !== t.type) {
      throw new OnnxError(
        'INVALID_OPTION',
        `buildGradientGraph: trainable tensors mix ${floatType} and ${t.type} ('${name}')`,
      );
    }
    floatType = t.type;
  }
  const type = floatType ?? 'float32';

  // Forward sweep: values that depend on a trainable tensor through differentiable slots.
  const depends = new Set(trainable);
  for (const node of graph.nodes) {
    if (NON_DIFFERENTIABLE.has(node.opType)) continue;
    if (!diffInputs(node).some((i) => depends.has(node.inputs[i] ?? ''))) continue;
    node.outputs.forEach((o, slot) => {
      if (o !== '' && diffOutput(node, slot)) depends.add(o);
    });
  }
  if (!depends.has(lossName)) {
    throw new OnnxError(
      'INVALID_OPTION',
      `buildGradientGraph: loss '${lossName}' does not depend on any trainable tensor (${trainable.join(', ')})`,
    );
  }
  // Backward sweep: values on a path to the loss.
  const needed = new Set([lossName]);
  const active: Node[] = [];
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const node = graph.nodes[k]!;
    if (!node.outputs.some((o) => needed.has(o) && depends.has(o))) continue;
    if (node.domain !== '' && node.domain !== 'ai.onnx') {
      throw new OnnxError(
        'NO_GRADIENT_RULE',
        `buildGradientGraph: node '${node.name}' is op ${node.domain}.${node.opType}, outside the default domain; no gradient rule`,
      );
    }
    if (GRADIENT_RULES[node.opType] === undefined) {
      throw new OnnxError(
        'NO_GRADIENT_RULE',
        `buildGradientGraph: no gradient rule for op ${node.opType} (node '${node.name}') on the path from a trainable tensor to the loss; freeze the tensors below it or rewrite the op`,
      );
    }
    active.push(node);
    for (const i of diffInputs(node)) {
      const name = node.inputs[i];
      if (name !== undefined && depends.has(name)) needed.add(name);
    }
  }

  const e = new Emitter(graph, type, 'grad/');
  const info = inferRanks(graph);
  const constNodes = new Map<string, Node>();
  for (const n of graph.nodes)
    if (n.opType === 'Constant') for (const o of n.outputs) constNodes.set(o, n);
  const constantInts = (name: string | undefined): number[] | undefined => {
    if (name === undefined || name === '') return undefined;
    const t = graph.initializers.get(name);
    const value =
      t ??
      (() => {
        const a = constNodes.get(name)?.attributes['value'];
        return a?.type === 'tensor' ? a.value : undefined;
      })();
    if (value === undefined || Array.isArray(value.data)) return undefined;
    return Array.from(value.data as ArrayLike<number | bigint>, (v) => Number(v));
  };
  const contributions = new Map<string, string[]>();
  const addGrad = (name: string, g: string): void => {
    const list = contributions.get(name);
    if (list) list.push(g);
    else contributions.set(name, [g]);
  };
  const total = (name: string): string | undefined => {
    const list = contributions.get(name);
    if (list === undefined || list.length === 0) return undefined;
    if (list.length === 1) return list[0];
    const sum = e.op('Sum', list);
    contributions.set(name, [sum]);
    return sum;
  };
  addGrad(
    lossName,
    e.op('ConstantOfShape', [e.op('Shape', [lossName])], { value: floatFill(e, 1) }),
  );
  for (const node of active) {
    const gOut = node.outputs.map((o) => (depends.has(o) && needed.has(o) ? total(o) : undefined));
    if (gOut.every((g) => g === undefined)) continue;
    const needs = node.inputs.map(
      (name, i) => name !== '' && needed.has(name) && diffInputs(node).includes(i),
    );
    const ctx: RuleContext = { e, node, gOut, needs, info, constantInts, opset: graph.opset };
    const grads = GRADIENT_RULES[node.opType]!(ctx);
    node.inputs.forEach((name, i) => {
      const g = grads[i];
      if (needs[i] && g !== undefined) addGrad(name, g);
    });
  }

  const gradients = new Map<string, string>();
  const parameters = new Map<string, { type: DataType; dims: number[] }>();
  const gradOutputs: ValueInfo[] = [];
  for (const name of trainable) {
    const t = graph.initializers.get(name)!;
    const out = e.reserve(`${prefix}${name}`);
    const g = total(name);
    if (g === undefined) e.op('ConstantOfShape', [e.ints(t.dims)], { value: floatFill(e, 0) }, out);
    else e.op('Identity', [g], {}, out);
    gradients.set(name, out);
    parameters.set(name, { type: t.type, dims: [...t.dims] });
    gradOutputs.push({ name: out, type, shape: [...t.dims] });
    graph.initializers.delete(name);
    graph.inputs.push({ name, type: t.type, shape: [...t.dims] });
  }
  const forwardNodes = graph.nodes.length;
  graph.nodes.push(...e.nodes);
  const lossInfo = graph.outputs.find((o) => o.name === lossName) ?? { name: lossName, type };
  const kept = (options.keepOutputs ?? []).map((name) => {
    if (!isValue(name))
      throw new OnnxError(
        'UNKNOWN_VALUE',
        `buildGradientGraph: keepOutputs '${name}' is not a value of the graph`,
      );
    return (
      graph.outputs.find((o) => o.name === name) ?? graph.valueInfo.get(name) ?? { name, type }
    );
  });
  graph.outputs = [lossInfo, ...kept.filter((k) => k.name !== lossName), ...gradOutputs];
  // Unprocessed values keep their contribution lists uncollapsed; only collapsed ones are a total gradient.
  const gradientOf = (v: string): string | undefined => {
    const list = contributions.get(v);
    return list?.length === 1 ? list[0] : undefined;
  };
  const segmentOf = options.gradientCheckpointing;
  const weights = new Set(trainable);
  const recompute =
    segmentOf === true
      ? recomputeSegments(graph, { forwardNodes, gradientOf, parameters: weights })
      : typeof segmentOf === 'function'
        ? recomputeSegments(graph, { forwardNodes, gradientOf, parameters: weights, segmentOf })
        : undefined;
  pruneToOutputs(graph);
  return {
    graph,
    loss: lossName,
    gradients,
    parameters,
    ...(recompute === undefined ? {} : { recompute }),
  };
}

/** Removes nodes no graph output needs, then initializers no node uses. */
export function pruneToOutputs(graph: Graph): void {
  const live = new Set(graph.outputs.map((o) => o.name));
  const keep: boolean[] = new Array<boolean>(graph.nodes.length).fill(false);
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const node = graph.nodes[k]!;
    if (!node.outputs.some((o) => live.has(o))) continue;
    keep[k] = true;
    for (const i of node.inputs) if (i !== '') live.add(i);
  }
  graph.nodes = graph.nodes.filter((_, k) => keep[k]);
  for (const name of [...graph.initializers.keys()])
    if (!live.has(name)) graph.initializers.delete(name);
}
