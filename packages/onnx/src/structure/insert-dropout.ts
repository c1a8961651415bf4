import type { Graph } from '../graph';
import { OnnxError } from '../errors';
import { sortNodes, splice } from '../surgery/splice';
import type { ModelStructure } from './model-structure';
import { checkArg, checkGraph, checkOptions } from '../check-args';

/** Dropout rates per site; 0 (or absent) leaves a site without dropout. */
export interface DropoutRates {
  /** After the embeddings (BERT: after their LayerNorm; GPT-2: `embd_pdrop` on token + position). */
  embeddings?: number;
  /** On the attention probabilities (`attention_probs_dropout_prob`, GPT-2 `attn_pdrop`). */
  attentionProbabilities?: number;
  /** On the attention output projection, before the residual add (BERT `hidden_dropout_prob`, GPT-2 `resid_pdrop`). */
  attentionOutput?: number;
  /** On the feed-forward output, before the residual add. */
  ffnOutput?: number;
  /** On the input of head projections, by the state-dict key of their weight (`classifier.weight`: 0.1). */
  head?: Readonly<Record<string, number>>;
}

/**
 * Puts back the Dropout nodes an eval-mode export lost, at the sites of the structural map with the given rates,
 * so fine-tuning regularises as PyTorch's training mode does. The nodes are plain ONNX `Dropout`s with a ratio and
 * no training flag: identity at inference, and @nlpft/onnx's seeded masks in training ({@link seedDropout}).
 * Returns how many were inserted; changes `graph` in place (`structure` must be its current map).
 * @throws {OnnxError} `INVALID_OPTION` for a rate outside [0, 1) or a head key the map does not have.
 * @example insertDropout(g, mapModelStructure(g), { embeddings: 0.1, attentionProbabilities: 0.1, attentionOutput: 0.1, ffnOutput: 0.1 })
 */
export function insertDropout(
  graph: Graph,
  structure: ModelStructure,
  rates: DropoutRates,
): number {
  const where = 'insertDropout';
  checkGraph(where, graph);
  checkArg(where, 'structure', structure, 'object');
  checkArg(where, 'rates', rates, 'object');
  checkOptions(
    where,
    rates,
    {
      embeddings: 'probability',
      attentionProbabilities: 'probability',
      attentionOutput: 'probability',
      ffnOutput: 'probability',
      head: 'object',
    },
    { label: 'rates', required: [] },
  );
  for (const [site, rate] of Object.entries(rates.head ?? {}))
    checkArg(where, `rates.head['${site}']`, rate, 'probability');
  let count = 0;
  const add = (value: string, rate: number | undefined, site: string): void => {
    if (rate === undefined || rate === 0) return;
    if (!(rate > 0 && rate < 1))
      throw new OnnxError(
        'INVALID_OPTION',
        `insertDropout: the ${site} rate must be in [0, 1), got ${rate}`,
      );
    const { source, target } = splice(graph, value, 'dropout');
    dropoutNode(graph, source, target, rate, value);
    count++;
  };
  if (structure.embeddingsOutput !== undefined)
    add(structure.embeddingsOutput, rates.embeddings, 'embeddings');
  for (const layer of structure.layers) {
    for (const p of layer.attentionProbabilities)
      add(p, rates.attentionProbabilities, 'attentionProbabilities');
    add(layer.attentionOutput, rates.attentionOutput, 'attentionOutput');
    add(layer.ffnOutput, rates.ffnOutput, 'ffnOutput');
  }
  for (const [key, rate] of Object.entries(rates.head ?? {})) {
    const projection = structure.head.find((h) => h.weight === key);
    if (projection === undefined)
      throw new OnnxError(
        'INVALID_OPTION',
        `insertDropout: no head projection has the weight '${key}'; the head's are ${structure.head.map((h) => `'${h.weight}'`).join(', ') || '(none)'}`,
      );
    if (rate === 0) continue;
    if (!(rate > 0 && rate < 1))
      throw new OnnxError(
        'INVALID_OPTION',
        `insertDropout: the head rate of '${key}' must be in [0, 1), got ${rate}`,
      );
    // Only this projection reads the dropped value; other readers of its input keep the original.
    const node = graph.nodes.find((n) => n.name === projection.node)!;
    const dropped = graph.uniqueName(`${projection.input}_dropout`);
    dropoutNode(graph, projection.input, dropped, rate, key);
    node.inputs[0] = dropped;
    count++;
  }
  sortNodes(graph);
  return count;
}

function dropoutNode(
  graph: Graph,
  input: string,
  output: string,
  rate: number,
  site: string,
): void {
  const ratio = graph.uniqueName(`${site}/dropout/ratio`);
  graph.addInitializer({ name: ratio, type: 'float32', dims: [], data: Float32Array.from([rate]) });
  graph.addNode(
    'Dropout',
    [input, ratio],
    [output],
    {},
    { name: graph.uniqueName(`${site}/Dropout`) },
  );
}
