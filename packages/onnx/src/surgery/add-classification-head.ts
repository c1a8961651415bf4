import { BUILDER_METADATA_KEY } from '../builder/build-bert';
import { GraphBuilder } from '../builder/graph-builder';
import { dropout } from '../builder/layers';
import { labelHeadInput } from './hidden-output';
import type { Graph } from '../graph';
import type { ValueInfo } from '../types';
import { sortNodes } from './splice';

/** Options of {@link addClassificationHead}. */
export interface ClassificationHeadOptions {
  /** Number of classes (the width of `logits`). */
  numLabels: number;
  /**
   * `'cls'`: the hidden state of the first token (BERT's `[CLS]`); `'mean'`: the mean over non-padding tokens
   * (weighted by `attention_mask`, as sentence-transformers pools; a plain mean when the graph has no mask input);
   * `'last'`: the hidden state of each row's last position whose `attention_mask` is 1 (GPT-1's extract token, the
   * one a causal model has read everything before; `Σ mask − 1` with right padding), the last position when the
   * graph has no mask input.
   * @defaultValue 'cls'
   */
  pooling?: 'cls' | 'mean' | 'last';
  /** Dropout before the classifier (identity at inference). @defaultValue 0.1 */
  dropout?: number;
  /** The encoder output to pool, `[batch, sequence, hidden]`. @defaultValue 'last_hidden_state' */
  hiddenOutput?: string;
  /** The mask input used by mean pooling. @defaultValue 'attention_mask' */
  attentionMask?: string;
  /** Name of the new output, `[batch, numLabels]`. @defaultValue 'logits' */
  outputName?: string;
  /** Keep `hiddenOutput` as a graph output beside the logits. @defaultValue false (only `logits`, like HF's `…ForSequenceClassification`) */
  keepHiddenOutput?: boolean;
  /** Hidden size, when the graph does not declare the last dim of `hiddenOutput`. @defaultValue read from the graph */
  hidden?: number;
  /** Module name: node scope and parameter prefix (`classifier.weight` `[hidden, numLabels]`, `classifier.bias`). @defaultValue 'classifier' */
  name?: string;
  /** Seed of the weight init, N(0, std²); the bias starts at 0. @defaultValue 0 */
  seed?: number;
  /** @defaultValue 0.02 (Hugging Face's `initializer_range`) */
  std?: number;
}

/**
 * Adds a sequence-classification head to an encoder: pool `last_hidden_state` (first token, masked mean or last
 * unmasked token) →
 * dropout → linear → `logits`. Returns a new graph; `graph` is not changed (tensor data is shared).
 * @throws {OnnxError} `UNKNOWN_VALUE` when `hiddenOutput` is not a graph output; `INVALID_OPTION` when
 *   `numLabels` is not a positive integer or the hidden size is unknown (pass `hidden`).
 * @example const classifier = addClassificationHead(buildBert(config), { numLabels: 3, pooling: 'mean' });
 * @see https://github.com/huggingface/transformers/blob/main/src/transformers/models/bert/modeling_bert.py (BertForSequenceClassification)
 */
export function addClassificationHead(graph: Graph, options: ClassificationHeadOptions): Graph {
  const where = 'addClassificationHead';
  const { hiddenName, output, hidden } = labelHeadInput(where, graph, options, {
    pooling: ['cls', 'mean', 'last'],
    attentionMask: 'string',
    outputName: 'string',
    keepHiddenOutput: 'boolean',
    name: 'string',
  });
  const outputName = options.outputName ?? 'logits';

  const pooling = options.pooling ?? 'cls';
  const g = graph.clone();
  const b = new GraphBuilder({ graph: g, seed: options.seed ?? 0 });
  const name = options.name ?? 'classifier';
  const maskName = options.attentionMask ?? 'attention_mask';
  const hasMask = g.inputs.some((i) => i.name === maskName);

  const logits = b.scope(name, () => {
    let pooled;
    if (pooling === 'cls') {
      pooled = b.op1(
        'Gather',
        [hiddenName, b.constant([0], { dims: [] })],
        { axis: { type: 'int', value: 1 } },
        'pool/Gather',
      );
    } else if (pooling === 'last') {
      pooled = hasMask ? lastUnmasked(b, hiddenName, maskName) : lastPosition(b, hiddenName);
    } else if (hasMask) {
      // Masked mean: Σ_t h_t·m_t / max(Σ_t m_t, 1e-9).
      const m = b.op1(
        'Cast',
        [b.op1('Unsqueeze', [maskName, b.constant([2])], {}, 'pool/Unsqueeze')],
        { to: { type: 'int', value: 1 } },
        'pool/Cast',
      );
      const sum = b.op1(
        'ReduceSum',
        [b.op1('Mul', [hiddenName, m], {}, 'pool/Mul'), b.constant([1])],
        { keepdims: { type: 'int', value: 0 } },
        'pool/ReduceSum',
      );
      const count = b.op1(
        'ReduceSum',
        [m, b.constant([1])],
        { keepdims: { type: 'int', value: 0 } },
        'pool/Count',
      );
      pooled = b.op1(
        'Div',
        [sum, b.op1('Max', [count, b.scalar(1e-9)], {}, 'pool/Max')],
        {},
        'pool/Div',
      );
    } else {
      pooled = b.op1(
        'ReduceMean',
        [hiddenName],
        { axes: { type: 'ints', value: [1] }, keepdims: { type: 'int', value: 0 } },
        'pool/ReduceMean',
      );
    }
    const dropped = dropout(b, pooled, options.dropout ?? 0.1);
    const w = b.parameter(`${name}.weight`, [hidden, options.numLabels], {
      normal: options.std ?? 0.02,
    });
    const bias = b.parameter(`${name}.bias`, [options.numLabels], 'zeros');
    return b.op1('Add', [b.op1('MatMul', [dropped, w]), bias]);
  });
  if (!options.keepHiddenOutput) g.outputs = g.outputs.filter((o) => o.name !== hiddenName);
  b.output(logits, outputName);
  const last = g.outputs[g.outputs.length - 1]!;
  last.shape = [output.shape?.[0], options.numLabels];
  const meta = g.model.metadata[BUILDER_METADATA_KEY];
  if (meta !== undefined) {
    g.model.metadata[BUILDER_METADATA_KEY] = JSON.stringify({
      ...(JSON.parse(meta) as object),
      head: { pooling, numLabels: options.numLabels },
    });
  }
  sortNodes(g);
  return g;
}

/**
 * `[batch, hidden]`: each row's state at its last position with mask 1. A one-hot weight over the sequence
 * (mask · [cumsum(mask) = Σ mask]) times the states, summed: the weight is built from the mask alone, so autodiff
 * only sees Mul and ReduceSum on the path from the states, and left or right padding pick the same token.
 */
function lastUnmasked(b: GraphBuilder, hiddenName: string, maskName: string): ValueInfo {
  const m = b.op1('Cast', [maskName], { to: { type: 'int', value: 1 } }, 'pool/Cast');
  const seen = b.op1('CumSum', [m, b.constant([1], { dims: [] })], {}, 'pool/CumSum');
  const total = b.op1(
    'ReduceSum',
    [m, b.constant([1])],
    { keepdims: { type: 'int', value: 1 } },
    'pool/Count',
  );
  // Counts are small integers, exact in float32, so Equal is exact.
  const atEnd = b.op1(
    'Cast',
    [b.op1('Equal', [seen, total], {}, 'pool/Equal')],
    { to: { type: 'int', value: 1 } },
    'pool/CastEnd',
  );
  const oneHot = b.op1('Mul', [m, atEnd], {}, 'pool/OneHot');
  return b.op1(
    'ReduceSum',
    [
      b.op1(
        'Mul',
        [hiddenName, b.op1('Unsqueeze', [oneHot, b.constant([2])], {}, 'pool/Unsqueeze')],
        {},
        'pool/Mul',
      ),
      b.constant([1]),
    ],
    { keepdims: { type: 'int', value: 0 } },
    'pool/ReduceSum',
  );
}

/** `[batch, hidden]`: the state at the last position (no mask to say where a row ends). */
function lastPosition(b: GraphBuilder, hiddenName: string): ValueInfo {
  const last = b.op1(
    'Slice',
    [hiddenName, b.constant([-1]), b.constant([Number.MAX_SAFE_INTEGER]), b.constant([1])],
    {},
    'pool/Slice',
  );
  return b.op1(
    'ReduceSum',
    [last, b.constant([1])],
    { keepdims: { type: 'int', value: 0 } },
    'pool/ReduceSum',
  );
}
