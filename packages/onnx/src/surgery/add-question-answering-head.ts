import { GraphBuilder } from '../builder/graph-builder';
import { hiddenOutput } from './hidden-output';
import type { Graph } from '../graph';
import { sortNodes } from './splice';
import { checkGraph, checkOptions } from '../check-args';

/** Options of {@link addQuestionAnsweringHead}. */
export interface QuestionAnsweringHeadOptions {
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
 * Adds an extractive-QA head (Hugging Face's `…ForQuestionAnswering`): one linear layer `qa_outputs` from each
 * token's hidden state to two scores, split into `start_logits` and `end_logits` `[batch, sequence]`. The weight is
 * `qa_outputs.weight` `[hidden, 2]` (the builder's `[in, out]` layout) and `qa_outputs.bias` `[2]`. Returns a new
 * graph with those two outputs instead of the hidden states; `graph` is not changed.
 * @throws {OnnxError} `UNKNOWN_VALUE` when `hiddenOutput` is not a graph output; `INVALID_OPTION` when the hidden
 *   size is unknown (pass `hidden`).
 * @example addSoftmaxCrossEntropyLoss(addQuestionAnsweringHead(bert), 'start_logits', { labels: 'start_positions' })
 */
export function addQuestionAnsweringHead(
  graph: Graph,
  options: QuestionAnsweringHeadOptions = {},
): Graph {
  const where = 'addQuestionAnsweringHead';
  checkGraph(where, graph);
  checkOptions(where, options, {
    hiddenOutput: 'string',
    hidden: 'positiveInteger',
    seed: 'finite',
    std: 'nonNegative',
  });
  const hiddenName = options.hiddenOutput ?? 'last_hidden_state';
  const { output, hidden } = hiddenOutput(graph, hiddenName, options.hidden, where);
  const g = graph.clone();
  const b = new GraphBuilder({ graph: g, seed: options.seed ?? 0 });
  const [start, end] = b.scope('qa_outputs', () => {
    const w = b.parameter('qa_outputs.weight', [hidden, 2], { normal: options.std ?? 0.02 });
    const bias = b.parameter('qa_outputs.bias', [2], 'zeros');
    const scores = b.op1('Add', [b.op1('MatMul', [hiddenName, w]), bias]);
    const pick = (i: number, name: string) =>
      b.op1(
        'Gather',
        [scores, b.constant([i], { dims: [] })],
        { axis: { type: 'int', value: 2 } },
        name,
      );
    return [pick(0, 'Gather_start'), pick(1, 'Gather_end')] as const;
  });
  g.outputs = g.outputs.filter((o) => o.name !== hiddenName);
  b.output(start, 'start_logits');
  b.output(end, 'end_logits');
  for (const o of g.outputs.slice(-2)) o.shape = [output.shape?.[0], output.shape?.[1]];
  sortNodes(g);
  return g;
}
