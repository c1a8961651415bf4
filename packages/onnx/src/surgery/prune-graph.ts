import type { Graph } from '../graph';
import { checkGraph, checkOptions } from '../check-args';

/** Options of {@link pruneGraph}. */
export interface PruneOptions {
  /**
   * Also drop graph inputs that nothing reads (this changes the model's interface).
   * @defaultValue false
   */
  dropUnusedInputs?: boolean;
}

/**
 * Removes nodes whose outputs no graph output depends on, then initializers and `valueInfo` entries nothing
 * reads any more. Returns a new graph (outputs unchanged) and what was removed; `graph` is not changed.
 * @example const { graph: lean, removedNodes } = pruneGraph(renameOutputs(graph, {})); // after cutting outputs
 */
export function pruneGraph(
  graph: Graph,
  options: PruneOptions = {},
): { graph: Graph; removedNodes: string[]; removedInitializers: string[] } {
  checkGraph('pruneGraph', graph);
  checkOptions('pruneGraph', options, { dropUnusedInputs: 'boolean' });
  const g = graph.clone();
  const needed = new Set(g.outputs.map((o) => o.name));
  const keep = new Array<boolean>(g.nodes.length).fill(false);
  // Walk backwards: nodes are topologically ordered, so every consumer comes after its producers.
  for (let i = g.nodes.length - 1; i >= 0; i--) {
    const node = g.nodes[i]!;
    if (!node.outputs.some((o) => needed.has(o))) continue;
    keep[i] = true;
    for (const input of node.inputs) if (input !== '') needed.add(input);
    for (const a of Object.values(node.attributes)) {
      // Subgraphs read outer values by name: keep every name they mention.
      if (a.type === 'graph' || a.type === 'graphs') {
        const graphs = a.type === 'graph' ? [a.value] : a.value;
        for (const sub of graphs) for (const n of sub.node) for (const x of n.input) needed.add(x);
      }
    }
  }
  const removedNodes = g.nodes.filter((_, i) => !keep[i]).map((n) => n.name);
  g.nodes = g.nodes.filter((_, i) => keep[i]);
  const removedInitializers = [...g.initializers.keys()].filter((k) => !needed.has(k));
  for (const k of removedInitializers) g.initializers.delete(k);
  for (const k of [...g.valueInfo.keys()]) if (!needed.has(k)) g.valueInfo.delete(k);
  if (options.dropUnusedInputs === true) g.inputs = g.inputs.filter((i) => needed.has(i.name));
  return { graph: g, removedNodes, removedInitializers };
}
