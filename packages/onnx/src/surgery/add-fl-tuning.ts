import { GraphBuilder } from '../builder/graph-builder';
import { gelu } from '../builder/layers';
import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { ModelStructure } from '../structure/model-structure';
import { sortNodes, splice } from './splice';
import { checkGraph, checkOptions } from '../check-args';

/** Options of {@link addFlTuning}. */
export interface FlTuningOptions {
  /** The graph's structural map ({@link mapModelStructure}). Required. */
  structure: ModelStructure;
  /** Learnable units added to each layer's feed-forward hidden layer. Required. */
  units: number;
  /**
   * The FFN's activation, which the new units share: `gelu` (erf; BERT, DistilBERT), `gelu_new` (tanh; GPT-2),
   * `relu`. Hugging Face configs name it `hidden_act` / `activation` / `activation_function`.
   */
  activation: 'gelu' | 'gelu_new' | 'relu';
  /** Std of the normal init of the units' input weights. @defaultValue 0.02 */
  std?: number;
  /** @defaultValue 0 */
  seed?: number;
}

/** The parameters {@link addFlTuning} added to one layer. */
export interface FlUnits {
  layer: number;
  /** `[hidden, units]` input weights and `[units]` bias of the new hidden units. */
  inWeight: string;
  inBias: string;
  /** `[units, hidden]` output weights (zero at init, so the model starts unchanged). */
  outWeight: string;
}

/**
 * FL-tuning (Liu et al. 2022, "FL-Tuning: Layer Tuning for Feed-Forward Network in Transformer"): every layer's
 * feed-forward block gets `units` extra hidden units, `FFN(x) = act(x·[W₁ W₁′] + [b₁ b₁′])·[W₂; W₂′] + b₂`, and only
 * those are trained. Written as the sum `FFN(x) + act(x·W₁′ + b₁′)·W₂′`, which is the same function. `W₂′` starts
 * at zero, so the model is unchanged until trained. Parameters `<layer prefix>fl_tuning.{in.weight,in.bias,out.weight}`.
 * Returns a new graph; `graph` is not changed.
 * @throws {OnnxError} `INVALID_OPTION` for a bad unit count; `UNKNOWN_NODE` when a layer's FFN nodes are missing.
 * @example const { graph: tuned } = addFlTuning(model.graph, { structure: model.structure, units: 16, activation: 'gelu' });
 * @see https://arxiv.org/abs/2206.15312
 */
export function addFlTuning(
  graph: Graph,
  options: FlTuningOptions,
): { graph: Graph; units: FlUnits[] } {
  const where = 'addFlTuning';
  checkGraph(where, graph);
  checkOptions(
    where,
    options,
    {
      structure: 'object',
      activation: ['gelu', 'gelu_new', 'relu'],
      std: 'nonNegative',
      seed: 'finite',
    },
    { required: ['units', 'structure', 'activation'] },
  );
  if (!Number.isInteger(options.units) || options.units < 1)
    throw new OnnxError(
      'INVALID_OPTION',
      `${where}: units must be a positive integer, got ${String(options.units)}`,
    );
  const g = graph.clone();
  const b = new GraphBuilder({ graph: g, seed: options.seed ?? 0 });
  const hidden = options.structure.hiddenSize;
  const byName = new Map(g.nodes.map((n) => [n.name, n]));
  const units: FlUnits[] = [];
  for (const layer of options.structure.layers) {
    const up = byName.get(layer.ffnUp);
    const down = byName.get(layer.ffnDown);
    if (up === undefined || down === undefined)
      throw new OnnxError(
        'UNKNOWN_NODE',
        `${where}: layer ${layer.index} has no FFN nodes '${layer.ffnUp}', '${layer.ffnDown}'`,
      );
    // The narrowing projection's result (bias added for MatMul + Add, the Gemm itself) in the layout of `x`.
    const x = up.inputs[0]!;
    let result = down.outputs[0]!;
    if (down.opType === 'MatMul') {
      const add = g.nodes.find((n) => n.opType === 'Add' && n.inputs.includes(result));
      if (add) result = add.outputs[0]!;
    }
    const prefix = `${layer.prefix}fl_tuning`;
    const inWeight = b.parameter(`${prefix}.in.weight`, [hidden, options.units], {
      normal: options.std ?? 0.02,
    });
    const inBias = b.parameter(`${prefix}.in.bias`, [options.units], 'zeros');
    const outWeight = b.parameter(`${prefix}.out.weight`, [options.units, hidden], 'zeros');
    const { source, target } = splice(g, result, 'fl_tuning');
    b.adopt(source, target);
    const scopes = [...layer.prefix.split('.').filter((p) => p !== ''), 'fl_tuning'];
    const run = (i: number): void => {
      if (i < scopes.length) {
        b.scope(scopes[i]!, () => run(i + 1));
        return;
      }
      const h = b.op1('Add', [b.op1('MatMul', [x, inWeight]), inBias]);
      const act =
        options.activation === 'relu'
          ? b.op1('Relu', [h])
          : gelu(b, h, options.activation === 'gelu' ? 'none' : 'tanh');
      const delta = b.op1('MatMul', [act, outWeight]);
      b.op('Add', [source, delta], {}, { name: 'Add', outputs: [target], reuseNames: true });
    };
    run(0);
    units.push({
      layer: layer.index,
      inWeight: inWeight.name,
      inBias: inBias.name,
      outWeight: outWeight.name,
    });
  }
  sortNodes(g);
  return { graph: g, units };
}
