import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import { sortNodes } from '../surgery/splice';
import type { Tensor } from '../types';
import { mapModelStructure } from './model-structure';
import { isExporterName, isParameterLike } from './parameter-keys';
import { checkGraph } from '../check-args';

/**
 * Turns an inference export back into a graph whose parameters are the PyTorch state dict, so training updates
 * what PyTorch would: every folded `onnx::MatMul_*` weight becomes the state-dict tensor (`[out, in]`, named by its
 * key) read through a Transpose; a folded copy of another parameter (GPT-2's LM head, stored as a transposed copy of
 * `wte`) becomes a Transpose of that parameter, so the two uses share one tensor and their gradients sum (the tie
 * is kept when the graph is written again); and initializers the exporter merged because their values were equal
 * (an `Identity` from one parameter to another's name) are split into their own tensors again. Returns a new graph;
 * `graph` is not changed.
 * @throws {OnnxError} as {@link mapModelStructure}, and `INVALID_INPUT` when a recovered key is already taken.
 * @example const trainable = restoreTrainableLayout(graphFromModel(readModelFile('onnx/model.onnx')));
 */
export function restoreTrainableLayout(graph: Graph): Graph {
  checkGraph('restoreTrainableLayout', graph);
  const g = graph.clone();
  splitMergedInitializers(g);
  const structure = mapModelStructure(g);
  const consumers = g.consumers();
  for (const p of structure.parameters.values()) {
    if (p.name === p.key) continue;
    const folded = g.initializers.get(p.name)!;
    let source = p.copyOf;
    if (source === undefined) {
      if (g.initializers.has(p.key))
        throw new OnnxError(
          'INVALID_INPUT',
          `restoreTrainableLayout: '${p.name}' would become '${p.key}', which the graph already has`,
        );
      g.addInitializer(transposed(folded, p.key));
      source = p.key;
    }
    const t = g.uniqueName(`${p.key}_transposed`);
    g.addNode(
      'Transpose',
      [source],
      [t],
      { perm: { type: 'ints', value: [1, 0] } },
      {
        name: g.uniqueName(`/${p.key.split('.').slice(0, -1).join('/')}/Transpose`),
      },
    );
    for (const n of consumers.get(p.name) ?? [])
      n.inputs = n.inputs.map((i) => (i === p.name ? t : i));
    g.initializers.delete(p.name);
  }
  sortNodes(g);
  return g;
}

function transposed(t: Tensor, name: string): Tensor {
  const [rows, cols] = t.dims as [number, number];
  const src = t.data as Float32Array;
  const out = new (src.constructor as Float32ArrayConstructor)(src.length);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[j * rows + i] = src[i * cols + j]!;
  return { name, type: t.type, dims: [cols, rows], data: out };
}

/** `Identity(a) → b` where a is a parameter and b a state-dict name: PyTorch merged two equal tensors. */
function splitMergedInitializers(g: Graph): void {
  g.nodes = g.nodes.filter((n) => {
    if (n.opType !== 'Identity') return true;
    const source = g.initializers.get(n.inputs[0]!);
    const out = n.outputs[0]!;
    if (source === undefined || !isParameterLike(source) || isExporterName(out)) return true;
    g.addInitializer({ ...source, name: out, dims: [...source.dims], data: source.data.slice() });
    return false;
  });
}
