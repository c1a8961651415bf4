import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import { checkArg, checkGraph } from '../check-args';

function rename(
  graph: Graph,
  mapping: Readonly<Record<string, string>>,
  kind: 'inputs' | 'outputs',
): Graph {
  const where = kind === 'inputs' ? 'renameInputs' : 'renameOutputs';
  checkGraph(where, graph);
  checkArg(where, 'mapping', mapping, 'object');
  for (const [from, to] of Object.entries(mapping))
    checkArg(where, `mapping['${from}']`, to, 'string');
  const g = graph.clone();
  const declared = g[kind];
  const used = new Set<string>([...g.inputs, ...g.outputs].map((v) => v.name));
  for (const k of g.initializers.keys()) used.add(k);
  for (const n of g.nodes) for (const o of n.outputs) used.add(o);
  for (const [from, to] of Object.entries(mapping)) {
    if (!declared.some((v) => v.name === from)) {
      throw new OnnxError(
        'UNKNOWN_VALUE',
        `${where}: the graph has no ${kind.slice(0, -1)} '${from}'; its ${kind} are ${declared.map((v) => `'${v.name}'`).join(', ')}`,
      );
    }
    if (to === '' || (to !== from && used.has(to) && !(to in mapping))) {
      throw new OnnxError(
        'INVALID_INPUT',
        `${where}: cannot rename '${from}' to '${to}': ${to === '' ? 'the name is empty' : 'the name is already used in the graph'}`,
      );
    }
  }
  const map = (name: string): string => mapping[name] ?? name;
  for (const n of g.nodes) {
    n.inputs = n.inputs.map((i) => (i === '' ? i : map(i)));
    n.outputs = n.outputs.map((o) => (o === '' ? o : map(o)));
  }
  g.inputs = g.inputs.map((v) => ({ ...v, name: map(v.name) }));
  g.outputs = g.outputs.map((v) => ({ ...v, name: map(v.name) }));
  g.valueInfo = new Map([...g.valueInfo].map(([k, v]) => [map(k), { ...v, name: map(k) }]));
  return g;
}

/**
 * Renames graph inputs (and every node reading them), e.g. to match a tokenizer's or an exporter's names.
 * Returns a new graph; `graph` is not changed.
 * @throws {OnnxError} `UNKNOWN_VALUE` when a key is not a graph input; `INVALID_INPUT` when a new name is empty
 *   or already used.
 * @example renameInputs(graph, { input_ids: 'ids' })
 */
export function renameInputs(graph: Graph, mapping: Readonly<Record<string, string>>): Graph {
  return rename(graph, mapping, 'inputs');
}

/**
 * Renames graph outputs (and the node outputs producing them). Returns a new graph; `graph` is not changed.
 * @throws {OnnxError} `UNKNOWN_VALUE` when a key is not a graph output; `INVALID_INPUT` when a new name is
 *   empty or already used.
 * @example renameOutputs(graph, { last_hidden_state: 'hidden' })
 */
export function renameOutputs(graph: Graph, mapping: Readonly<Record<string, string>>): Graph {
  return rename(graph, mapping, 'outputs');
}
