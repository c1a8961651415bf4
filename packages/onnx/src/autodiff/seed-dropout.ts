import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { Attribute } from '../types';
import { checkArg, checkGraph } from '../check-args';

const DOUBLE = 11;
const int = (value: number): Attribute => ({ type: 'int', value });

/**
 * Replaces every training-capable `Dropout` node by a mask drawn from a per-step seed input, so dropout is
 * reproducible: same seed, same mask (onnxruntime's own Dropout has a fixed-at-build `seed` attribute only).
 *
 * The mask hashes each element's flat index with the seed in float64 — u = frac(sin(12.9898·(i·φ + seed + k) +
 * 78.233)·43758.5453), the classic shader hash, k the node's index — and keeps elements with u ≥ ratio, scaling
 * them by 1 / (1 − ratio) (inverted dropout, as PyTorch). Nodes whose `training_mode` input is constant false
 * are left alone (identity at inference).
 * @returns how many Dropout nodes were replaced; 0 means the seed input was not added.
 * @throws {OnnxError} `INVALID_INPUT` when `seedInput` is already a value of the graph.
 */
export function seedDropout(graph: Graph, seedInput = 'dropout_seed'): number {
  checkGraph('seedDropout', graph);
  checkArg('seedDropout', 'seedInput', seedInput, 'string');
  const taken =
    graph.inputs.some((v) => v.name === seedInput) ||
    graph.initializers.has(seedInput) ||
    graph.nodes.some((n) => n.outputs.includes(seedInput));
  if (taken)
    throw new OnnxError(
      'INVALID_INPUT',
      `seedDropout: '${seedInput}' is already a value of the graph; pick another seed input name`,
    );
  const constantFalse = (name: string | undefined): boolean => {
    if (name === undefined || name === '') return true; // training_mode defaults to false…
    const t = graph.initializers.get(name);
    return t !== undefined && !Array.isArray(t.data) && Number(t.data[0]) === 0;
  };
  let count = 0;
  const out: Graph['nodes'] = [];
  const double = (v: number): string => {
    const name = graph.uniqueName('dropout/const');
    graph.addInitializer({ name, type: 'float64', dims: [], data: Float64Array.from([v]) });
    return name;
  };
  // Nodes are named under the Dropout node they replace, so the module path (`/encoder/layer.3/…`) that
  // gradient checkpointing segments by stays on them.
  let scope = 'dropout';
  const op = (
    opType: string,
    inputs: string[],
    attributes: Record<string, Attribute> = {},
    output?: string,
  ): string => {
    const o = output ?? graph.uniqueName(`dropout/${opType}`);
    out.push({
      name: graph.uniqueName(`${scope}/${opType}_node`),
      opType,
      domain: '',
      inputs,
      outputs: [o],
      attributes,
    });
    return o;
  };
  for (const node of graph.nodes) {
    // …but a builder's Dropout marks where training applies dropout: replace every Dropout whose ratio is not 0
    // and whose training_mode is not explicitly false.
    const explicitFalse =
      node.inputs[2] !== undefined && node.inputs[2] !== '' && constantFalse(node.inputs[2]);
    const ratioAttr = node.attributes['ratio'];
    const ratioInput = node.inputs[1];
    const ratioConst = ratioInput ? graph.initializers.get(ratioInput) : undefined;
    const zeroRatio =
      ratioConst !== undefined &&
      !Array.isArray(ratioConst.data) &&
      Number(ratioConst.data[0]) === 0;
    if (node.opType !== 'Dropout' || node.domain !== '' || explicitFalse || zeroRatio) {
      out.push(node);
      continue;
    }
    const x = node.inputs[0]!;
    const k = count++;
    scope = node.name === '' ? 'dropout' : node.name;
    const ratio = ratioInput
      ? op('Cast', [ratioInput], { to: int(DOUBLE) })
      : double(ratioAttr?.type === 'float' ? ratioAttr.value : 0.5);
    const n = op('Size', [x]);
    const index = op(
      'Cast',
      [
        op('Range', [
          graph.initializers.has('dropout/zero') ? 'dropout/zero' : zeroI64(graph),
          n,
          oneI64(graph),
        ]),
      ],
      { to: int(DOUBLE) },
    );
    const shaped = op('Reshape', [index, op('Shape', [x])]);
    const t = op('Add', [
      op('Add', [op('Mul', [shaped, double(0.6180339887498949)]), seedInput]),
      double(k),
    ]);
    const s = op('Mul', [
      op('Sin', [op('Add', [op('Mul', [t, double(12.9898)]), double(78.233)])]),
      double(43758.5453),
    ]);
    const u = op('Sub', [s, op('Floor', [s])]);
    const keep = op(
      'GreaterOrEqual',
      [u, ratio],
      {},
      node.outputs[1] !== undefined && node.outputs[1] !== '' ? node.outputs[1] : undefined,
    );
    const scale = op('Div', [double(1), op('Sub', [double(1), ratio])]);
    const mask = op('CastLike', [op('Mul', [op('Cast', [keep], { to: int(DOUBLE) }), scale]), x]);
    op('Mul', [x, mask], {}, node.outputs[0]);
  }
  if (count > 0) {
    graph.nodes = out;
    graph.inputs.push({ name: seedInput, type: 'float64', shape: [] });
    if (graph.opset < 15) graph.opsetImports.set('', Math.max(graph.opset, 15));
  }
  return count;
}

function zeroI64(graph: Graph): string {
  graph.addInitializer({
    name: 'dropout/zero',
    type: 'int64',
    dims: [],
    data: BigInt64Array.from([0n]),
  });
  return 'dropout/zero';
}
function oneI64(graph: Graph): string {
  if (!graph.initializers.has('dropout/one'))
    graph.addInitializer({
      name: 'dropout/one',
      type: 'int64',
      dims: [],
      data: BigInt64Array.from([1n]),
    });
  return 'dropout/one';
}
