import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { Tensor } from '../types';
import { checkArg, checkGraph, checkTensor } from '../check-args';

/**
 * Turns initializers into graph inputs of the same type and shape, so their values are fed at run time (one
 * session serves every training step). Returns the new graph and the removed tensors (their current values,
 * in `names` order); `graph` is not changed.
 * @param names the initializers to turn into inputs. @defaultValue every float initializer
 * @throws {OnnxError} `UNKNOWN_VALUE` when a name is not an initializer (the message lists some that are).
 * @example const { graph: fed, tensors } = initializersToInputs(model, ['classifier.weight']);
 */
export function initializersToInputs(
  graph: Graph,
  names?: readonly string[],
): { graph: Graph; tensors: Tensor[] } {
  checkGraph('initializersToInputs', graph);
  if (names !== undefined) checkArg('initializersToInputs', 'names', names, 'stringList');
  const chosen =
    names ??
    [...graph.initializers.values()]
      .filter((t) => t.type === 'float32' || t.type === 'float64' || t.type === 'float16')
      .map((t) => t.name);
  for (const name of chosen) {
    if (!graph.initializers.has(name)) {
      const some = [...graph.initializers.keys()]
        .slice(0, 10)
        .map((k) => `'${k}'`)
        .join(', ');
      throw new OnnxError(
        'UNKNOWN_VALUE',
        `initializersToInputs: '${name}' is not an initializer of the graph; initializers include ${some}`,
      );
    }
  }
  const g = graph.clone();
  const tensors: Tensor[] = [];
  for (const name of chosen) {
    const t = g.initializers.get(name)!;
    g.initializers.delete(name);
    g.inputs.push({ name, type: t.type, shape: [...t.dims] });
    tensors.push(t);
  }
  return { graph: g, tensors };
}

/**
 * Turns graph inputs into initializers holding the given values (the inverse of {@link initializersToInputs}).
 * Returns a new graph; `graph` is not changed, and the tensors' data is shared, not copied.
 * @throws {OnnxError} `UNKNOWN_VALUE` when a tensor's name is not a graph input; `INVALID_TENSOR` when its type,
 *   rank, fixed dims or length do not match the input's declaration.
 */
export function inputsToInitializers(graph: Graph, tensors: readonly Tensor[]): Graph {
  checkGraph('inputsToInitializers', graph);
  if (!Array.isArray(tensors)) checkArg('inputsToInitializers', 'tensors', tensors, 'stringList');
  tensors.forEach((t, i) => checkTensor('inputsToInitializers', `tensors[${i}]`, t));
  const g = graph.clone();
  for (const t of tensors) {
    const input = g.inputs.find((i) => i.name === t.name);
    if (input === undefined) {
      throw new OnnxError(
        'UNKNOWN_VALUE',
        `inputsToInitializers: '${t.name}' is not a graph input; inputs are ${g.inputs.map((i) => `'${i.name}'`).join(', ')}`,
      );
    }
    const fits =
      input.shape === undefined ||
      (input.shape.length === t.dims.length &&
        input.shape.every((d, i) => typeof d !== 'number' || d === t.dims[i]));
    if (input.type !== t.type || !fits) {
      throw new OnnxError(
        'INVALID_TENSOR',
        `inputsToInitializers: '${t.name}' is ${t.type} [${t.dims.join(', ')}] but the input is declared ${input.type} [${(input.shape ?? []).map(String).join(', ')}]`,
      );
    }
    g.addInitializer({ name: t.name, type: t.type, dims: [...t.dims], data: t.data });
    g.inputs = g.inputs.filter((i) => i.name !== t.name);
  }
  return g;
}
