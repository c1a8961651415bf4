import { GraphBuilder } from '../builder/graph-builder';
import { dropout } from '../builder/layers';
import { labelHeadInput } from './hidden-output';
import type { Graph } from '../graph';
import { sortNodes } from './splice';

/** Options of {@link addTokenClassificationHead}. */
export interface TokenClassificationHeadOptions {
  /** Number of tags (the last dim of `logits`). */
  numLabels: number;
  /** Dropout before the classifier (identity at inference). @defaultValue 0.1 */
  dropout?: number;
  /** The encoder output, `[batch, sequence, hidden]`. @defaultValue 'last_hidden_state' */
  hiddenOutput?: string;
  /** Hidden size, when the graph does not declare it. @defaultValue read from the graph */
  hidden?: number;
  /** Seed of the weight init, N(0, std²); the bias starts at 0. @defaultValue 0 */
  seed?: number;
  /** @defaultValue 0.02 (Hugging Face's `initializer_range`) */
  std?: number;
}

/**
 * Adds a token-classification head (Hugging Face's `…ForTokenClassification`): dropout and one linear layer from each
 * token's hidden state to `numLabels` scores, `logits [batch, sequence, numLabels]`. Parameters `classifier.weight`
 * `[hidden, numLabels]` (the builder's `[in, out]` layout) and `classifier.bias`. Returns a new graph with `logits`
 * instead of the hidden states; `graph` is not changed.
 * @throws {OnnxError} `UNKNOWN_VALUE` when `hiddenOutput` is not a graph output; `INVALID_OPTION` for a numLabels
 *   that is not a positive integer or an unknown hidden size (pass `hidden`).
 * @example addSoftmaxCrossEntropyLoss(addTokenClassificationHead(bert, { numLabels: 9 }), 'logits') // labels [B, S], -100 ignored
 */
export function addTokenClassificationHead(
  graph: Graph,
  options: TokenClassificationHeadOptions,
): Graph {
  const where = 'addTokenClassificationHead';
  const { hiddenName, output, hidden } = labelHeadInput(where, graph, options, {});
  const g = graph.clone();
  const b = new GraphBuilder({ graph: g, seed: options.seed ?? 0 });
  const logits = b.scope('classifier', () => {
    const w = b.parameter('classifier.weight', [hidden, options.numLabels], {
      normal: options.std ?? 0.02,
    });
    const bias = b.parameter('classifier.bias', [options.numLabels], 'zeros');
    const x = dropout(b, hiddenName, options.dropout ?? 0.1);
    return b.op1('Add', [b.op1('MatMul', [x, w]), bias]);
  });
  g.outputs = g.outputs.filter((o) => o.name !== hiddenName);
  b.output(logits, 'logits');
  g.outputs[g.outputs.length - 1]!.shape = [
    output.shape?.[0],
    output.shape?.[1],
    options.numLabels,
  ];
  sortNodes(g);
  return g;
}
