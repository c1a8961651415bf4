import { Graph, graphFromModel, graphToModel, readModel, writeModel } from '@nlpft/onnx';
import type { ClassificationHead } from './classification-head';
import { TrainingError } from './errors';

const int = (value: number) => ({ type: 'int' as const, value });

/** Adds the head's nodes reading `input` [batch, inputSize] and writing `output` [batch, numLabels]. */
function addHead(g: Graph, head: ClassificationHead, input: string, output: string): void {
  const p = (name: string) => {
    const data = head.params[name]!;
    const dims =
      name === 'head.dense.weight'
        ? [head.hiddenSize, head.inputSize]
        : name === 'head.out_proj.weight'
          ? [head.numLabels, data.length / head.numLabels]
          : [data.length];
    g.addInitializer({ name, type: 'float32', dims, data: data.slice() });
    return name;
  };
  let x = input;
  if (head.inputScale) {
    const mean = g.uniqueName('head.input_mean');
    const std = g.uniqueName('head.input_std');
    g.addInitializer({
      name: mean,
      type: 'float32',
      dims: [head.inputSize],
      data: head.inputScale.mean.slice(),
    });
    g.addInitializer({
      name: std,
      type: 'float32',
      dims: [head.inputSize],
      data: head.inputScale.std.slice(),
    });
    const centered = g.uniqueName('head_centered');
    g.addNode('Sub', [x, mean], [centered]);
    const scaled = g.uniqueName('head_scaled');
    g.addNode('Div', [centered, std], [scaled]);
    x = scaled;
  }
  if (head.hiddenSize > 0) {
    const dense = g.uniqueName('head_dense_out');
    g.addNode(
      'Gemm',
      [x, p('head.dense.weight'), p('head.dense.bias')],
      [dense],
      { transB: int(1) },
      { name: g.uniqueName('head/dense/Gemm') },
    );
    const act = g.uniqueName('head_act_out');
    g.addNode(
      head.activation === 'tanh' ? 'Tanh' : 'Relu',
      [dense],
      [act],
      {},
      { name: g.uniqueName('head/activation') },
    );
    x = act;
  }
  g.addNode(
    'Gemm',
    [x, p('head.out_proj.weight'), p('head.out_proj.bias')],
    [output],
    { transB: int(1) },
    { name: g.uniqueName('head/out_proj/Gemm') },
  );
}

/**
 * The trained head alone as an ONNX model: input `features` float32 [batch, inputSize] → output `logits`
 * [batch, numLabels] (Gemm, Tanh/Relu; dropout is inference-off). Serve it with @nlpft/inference `createSession`.
 * @example writeFileAtomic('head.onnx', headToOnnx(head))
 */
export function headToOnnx(head: ClassificationHead): Uint8Array {
  const g = new Graph({ name: 'classification_head' });
  g.inputs.push({ name: 'features', type: 'float32', shape: ['batch', head.inputSize] });
  addHead(g, head, 'features', 'logits');
  g.outputs.push({ name: 'logits', type: 'float32', shape: ['batch', head.numLabels] });
  return writeModel(graphToModel(g));
}

/** Options of {@link encoderWithHeadToOnnx}. */
export interface EncoderWithHeadOptions {
  /**
   * Pooling the head was trained on: 'mean' (over attention_mask) or 'cls'.
   * @defaultValue 'mean'
   */
  pooling?: 'mean' | 'cls';
  /** Name of the encoder's hidden-state output. Default: the output whose name contains 'last_hidden_state'. */
  hiddenOutput?: string;
}

/**
 * One ONNX model = frozen encoder + pooling + trained head: the encoder's inputs stay, the outputs become
 * `logits` [batch, numLabels], so @nlpft/inference's `SequenceClassifier` can serve it.
 * @throws {TrainingError} INVALID_OPTION when the encoder has no hidden-state output or no `attention_mask` input (mean pooling).
 */
export function encoderWithHeadToOnnx(
  encoder: Uint8Array,
  head: ClassificationHead,
  options: EncoderWithHeadOptions = {},
): Uint8Array {
  const g = graphFromModel(readModel(encoder));
  const hidden =
    options.hiddenOutput ?? g.outputs.find((o) => o.name.includes('last_hidden_state'))?.name;
  if (hidden === undefined || !g.outputs.some((o) => o.name === hidden)) {
    throw new TrainingError(
      'INVALID_OPTION',
      `encoder has no hidden-state output (outputs: ${g.outputs.map((o) => o.name).join(', ')})`,
    );
  }
  const pooled = g.uniqueName('pooled');
  const c = (name: string, values: number[]) => {
    const n = g.uniqueName(name);
    g.addInitializer({
      name: n,
      type: 'int64',
      dims: [values.length],
      data: BigInt64Array.from(values.map(BigInt)),
    });
    return n;
  };
  if ((options.pooling ?? 'mean') === 'cls') {
    g.addNode('Gather', [hidden, c('cls_index', [0])], [g.uniqueName('cls_tok')], { axis: int(1) });
    const tok = g.nodes.at(-1)!.outputs[0]!;
    g.addNode('Squeeze', [tok, c('cls_axes', [1])], [pooled]);
  } else {
    const mask = g.inputs.find((i) => i.name === 'attention_mask')?.name;
    if (mask === undefined)
      throw new TrainingError(
        'INVALID_OPTION',
        "mean pooling needs the encoder's 'attention_mask' input",
      );
    const maskF = g.uniqueName('mask_f');
    g.addNode('Cast', [mask], [maskF], { to: int(1) });
    const mask3 = g.uniqueName('mask_3d');
    g.addNode('Unsqueeze', [maskF, c('mask_axes', [2])], [mask3]);
    const masked = g.uniqueName('masked_hidden');
    g.addNode('Mul', [hidden, mask3], [masked]);
    const sum = g.uniqueName('hidden_sum');
    g.addNode('ReduceSum', [masked, c('sum_axes', [1])], [sum], { keepdims: int(0) });
    const count = g.uniqueName('mask_count');
    g.addNode('ReduceSum', [maskF, c('count_axes', [1])], [count], { keepdims: int(1) });
    g.addNode('Div', [sum, count], [pooled]);
  }
  addHead(g, head, pooled, 'logits');
  g.outputs = [{ name: 'logits', type: 'float32', shape: ['batch', head.numLabels] }];
  return writeModel(graphToModel(g));
}
