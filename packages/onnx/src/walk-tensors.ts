import type { GraphProto, TensorProto } from './gen/onnx_pb';

/**
 * Calls `visit` on every TensorProto of a graph: initializers, tensor attributes (Constant's `value`) and those
 * of subgraphs (If/Loop/Scan bodies), depth first.
 */
export function walkTensors(graph: GraphProto, visit: (tensor: TensorProto) => void): void {
  for (const t of graph.initializer) visit(t);
  for (const s of graph.sparseInitializer) {
    if (s.values) visit(s.values);
    if (s.indices) visit(s.indices);
  }
  for (const node of graph.node) {
    for (const attr of node.attribute) {
      if (attr.t) visit(attr.t);
      for (const t of attr.tensors) visit(t);
      if (attr.g) walkTensors(attr.g, visit);
      for (const g of attr.graphs) walkTensors(g, visit);
    }
  }
}
