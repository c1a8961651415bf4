import type { TensorArray } from '../data-type';
import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import { checkArg, checkData, checkGraph, checkOptions } from '../check-args';

/** Options of {@link writeWeights}. */
export interface WriteWeightsOptions {
  /**
   * Copy the values (so later changes to the caller's arrays do not reach the graph).
   * @defaultValue true
   */
  copy?: boolean;
}

/**
 * Writes updated weights (after training, say) into the graph's initializers, by name. Returns a new graph;
 * `graph` is not changed. The element type and size of each weight must match its initializer.
 * @throws {OnnxError} `UNKNOWN_VALUE` when a name is not an initializer; `INVALID_TENSOR` when the length or the
 *   array type does not match.
 * @example writeModelFile('tuned.onnx', graphToModel(writeWeights(graph, { 'classifier.bias': new Float32Array([0.1, -0.1]) })));
 */
export function writeWeights(
  graph: Graph,
  weights: ReadonlyMap<string, TensorArray> | Readonly<Record<string, TensorArray>>,
  options: WriteWeightsOptions = {},
): Graph {
  checkGraph('writeWeights', graph);
  if (!(weights instanceof Map)) checkArg('writeWeights', 'weights', weights, 'object');
  checkOptions('writeWeights', options, { copy: 'boolean' });
  const entries: [string, TensorArray][] =
    weights instanceof Map
      ? [...(weights as ReadonlyMap<string, TensorArray>)]
      : Object.entries(weights as Readonly<Record<string, TensorArray>>);
  const g = graph.clone();
  for (const [name, data] of entries) {
    checkData('writeWeights', `weights['${name}']`, data);
    const t = g.initializers.get(name);
    if (t === undefined) {
      throw new OnnxError(
        'UNKNOWN_VALUE',
        `writeWeights: '${name}' is not an initializer of the graph`,
      );
    }
    if (data.length !== t.data.length || data.constructor !== t.data.constructor) {
      throw new OnnxError(
        'INVALID_TENSOR',
        `writeWeights: '${name}' is ${t.type} [${t.dims.join(', ')}] (${t.data.length} values) but got a ${data.constructor.name} of ${data.length} values`,
      );
    }
    const values = options.copy === false ? data : Array.isArray(data) ? [...data] : data.slice();
    g.initializers.set(name, { ...t, data: values });
  }
  return g;
}
