import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import { checkArg, checkGraph } from '../check-args';

/**
 * Prepares to insert nodes on value `name`: afterwards the old value is available as `source` and whatever the
 * new nodes write to `target` is what every consumer (and the graph output, if any) of `name` reads. When a node
 * produces `name`, its output is renamed to a fresh `source` and `target` is `name`, so consumers and graph
 * outputs need no rewiring; for a graph input or initializer the consumers are rewired to a fresh `target`.
 * @throws {OnnxError} `UNKNOWN_VALUE` when no node, input or initializer has that name.
 */
export function splice(
  graph: Graph,
  name: string,
  where: string,
): { source: string; target: string } {
  checkGraph('splice', graph);
  checkArg('splice', 'name', name, 'string');
  checkArg('splice', 'where', where, 'string');
  const producer = graph.nodes.find((n) => n.outputs.includes(name));
  if (producer !== undefined) {
    const source = graph.uniqueName(`${name}_before_${where}`);
    producer.outputs = producer.outputs.map((o) => (o === name ? source : o));
    return { source, target: name };
  }
  const isInput = graph.inputs.some((i) => i.name === name) || graph.initializers.has(name);
  if (!isInput) {
    throw new OnnxError(
      'UNKNOWN_VALUE',
      `${where}: no node output, input or initializer is named '${name}'`,
    );
  }
  const target = graph.uniqueName(`${name}_after_${where}`);
  for (const node of graph.nodes) node.inputs = node.inputs.map((i) => (i === name ? target : i));
  graph.outputs = graph.outputs.map((o) => (o.name === name ? { ...o, name: target } : o));
  return { source: name, target };
}

/**
 * Reorders `graph.nodes` topologically (ONNX requires it), keeping the existing order wherever it is already
 * valid, so surgery can append nodes and then sort once.
 * @throws {OnnxError} `INVALID_INPUT` when the graph has a cycle.
 */
export function sortNodes(graph: Graph): void {
  checkGraph('sortNodes', graph);
  const producer = new Map<string, number>();
  graph.nodes.forEach((n, i) => n.outputs.forEach((o) => o !== '' && producer.set(o, i)));
  const state = new Uint8Array(graph.nodes.length); // 0 new, 1 visiting, 2 done
  const order: number[] = [];
  // Iterative depth-first search (graphs can be deep enough to overflow recursion).
  for (let root = 0; root < graph.nodes.length; root++) {
    if (state[root] !== 0) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [index, next] = top;
      const inputs = graph.nodes[index]!.inputs;
      if (next < inputs.length) {
        top[1] = next + 1;
        const dep = producer.get(inputs[next]!);
        if (dep === undefined || state[dep] === 2) continue;
        if (state[dep] === 1) {
          throw new OnnxError(
            'INVALID_INPUT',
            `sortNodes: the graph has a cycle through node '${graph.nodes[dep]!.name}'`,
          );
        }
        state[dep] = 1;
        stack.push([dep, 0]);
      } else {
        state[index] = 2;
        order.push(index);
        stack.pop();
      }
    }
  }
  graph.nodes = order.map((i) => graph.nodes[i]!);
}
