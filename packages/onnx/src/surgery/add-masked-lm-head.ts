import { GraphBuilder } from '../builder/graph-builder';
import { gelu, layerNorm, linear } from '../builder/layers';
import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import { sortNodes } from './splice';
import { checkGraph, checkOptions } from '../check-args';

/** Options of {@link addMaskedLmHead}. */
export interface MaskedLmHeadOptions {
  /** The encoder output, `[batch, sequence, hidden]`. @defaultValue 'last_hidden_state' */
  hiddenOutput?: string;
  /** The word-embedding table `[vocab, hidden]` the decoder is tied to. @defaultValue 'embeddings.word_embeddings.weight' */
  wordEmbeddings?: string;
  /** Name of the new output, `[batch, sequence, vocab]`. @defaultValue 'logits' */
  outputName?: string;
  /** LayerNorm epsilon of the transform. @defaultValue 1e-12 (BERT) */
  layerNormEps?: number;
  /** Seed of the transform's dense init, N(0, 0.02²). @defaultValue 0 */
  seed?: number;
  /** Keep `hiddenOutput` as a graph output beside the logits. @defaultValue false */
  keepHiddenOutput?: boolean;
}

/**
 * Adds BERT's masked-LM head (Hugging Face `BertForMaskedLM`'s `cls.predictions`): dense → GELU → LayerNorm, then a
 * decoder tied to the word embeddings plus a vocabulary bias, `logits = LN(gelu(h·W + b))·Eᵀ + bias`. Tying means
 * the decoder has no weight of its own: gradients from the decoder and from the embedding lookup both reach
 * `wordEmbeddings`. Parameters: `cls.predictions.transform.dense.{weight,bias}`,
 * `cls.predictions.transform.LayerNorm.{weight,bias}`, `cls.predictions.bias`. Returns a new graph.
 * @throws {OnnxError} `UNKNOWN_VALUE` when the hidden output or the embedding table is missing;
 *   `INVALID_INPUT` when the table is not a 2-D float initializer matching the hidden size.
 * @example addSoftmaxCrossEntropyLoss(addMaskedLmHead(buildBert(config)), 'logits'); // labels: -100 except masked positions
 */
export function addMaskedLmHead(graph: Graph, options: MaskedLmHeadOptions = {}): Graph {
  const where = 'addMaskedLmHead';
  checkGraph(where, graph);
  checkOptions(where, options, {
    hiddenOutput: 'string',
    wordEmbeddings: 'string',
    outputName: 'string',
    layerNormEps: 'positive',
    seed: 'finite',
    keepHiddenOutput: 'boolean',
  });
  const hiddenName = options.hiddenOutput ?? 'last_hidden_state';
  const tableName = options.wordEmbeddings ?? 'embeddings.word_embeddings.weight';
  const output = graph.outputs.find((o) => o.name === hiddenName);
  if (output === undefined) {
    throw new OnnxError(
      'UNKNOWN_VALUE',
      `${where}: the graph has no output '${hiddenName}'; its outputs are ${graph.outputs.map((o) => `'${o.name}'`).join(', ')}`,
    );
  }
  const table = graph.initializers.get(tableName);
  if (table === undefined)
    throw new OnnxError('UNKNOWN_VALUE', `${where}: no initializer '${tableName}' to tie to`);
  const declared = output.shape?.[output.shape.length - 1];
  const hidden = typeof declared === 'number' ? declared : table.dims[1]!;
  if (table.dims.length !== 2 || table.type !== 'float32' || table.dims[1] !== hidden) {
    throw new OnnxError(
      'INVALID_INPUT',
      `${where}: '${tableName}' must be float32 [vocab, ${String(hidden)}], got ${table.type} [${table.dims.join(', ')}]`,
    );
  }
  const vocab = table.dims[0]!;
  const g = graph.clone();
  const b = new GraphBuilder({ graph: g, seed: options.seed ?? 0 });
  const logits = b.scope('cls', () =>
    b.scope('predictions', () => {
      const h = b.scope('transform', () => {
        const dense = linear(b, hiddenName, hidden, { name: 'dense' });
        return layerNorm(b, gelu(b, dense), {
          name: 'LayerNorm',
          eps: options.layerNormEps ?? 1e-12,
        });
      });
      const decoderT = b.op1('Transpose', [tableName], { perm: { type: 'ints', value: [1, 0] } });
      const bias = b.parameter('cls.predictions.bias', [vocab], 'zeros');
      return b.op1('Add', [b.op1('MatMul', [h, decoderT]), bias]);
    }),
  );
  if (!options.keepHiddenOutput) g.outputs = g.outputs.filter((o) => o.name !== hiddenName);
  b.output(logits, options.outputName ?? 'logits');
  const last = g.outputs[g.outputs.length - 1]!;
  last.shape = [output.shape?.[0], output.shape?.[1], vocab];
  sortNodes(g);
  return g;
}
