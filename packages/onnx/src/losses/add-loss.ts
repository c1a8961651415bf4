import type { DataType } from '../data-type';
import { OnnxError } from '../errors';
import type { Graph } from '../graph';
import type { Attribute, ValueInfo } from '../types';
import { checkArg, checkGraph, checkOptions } from '../check-args';

/** Options shared by the loss builders. */
export interface LossOptions {
  /**
   * Name of the scalar loss value added to the graph (and to its outputs).
   * @defaultValue 'loss'
   */
  output?: string;
  /**
   * Float type of the loss; the type of `logits`/`predictions`.
   * @defaultValue 'float32'
   */
  type?: DataType;
}

/** Options of {@link addSoftmaxCrossEntropyLoss} and {@link addCausalLmLoss}. */
export interface CrossEntropyOptions extends LossOptions {
  /**
   * Label value that is skipped: it adds nothing to the sum and is not counted in the mean (PyTorch's default).
   * @defaultValue -100
   */
  ignoreIndex?: number;
  /**
   * Name of the int64 labels input added to the graph when it does not exist yet.
   * @defaultValue 'labels'
   */
  labels?: string;
}

const int = (value: number): Attribute => ({ type: 'int', value });

class LossEmitter {
  private n = 0;
  constructor(
    readonly graph: Graph,
    readonly type: DataType,
  ) {}
  op(opType: string, inputs: string[], attributes: Record<string, Attribute> = {}): string {
    const out = this.graph.uniqueName(`loss/${opType}_${this.n++}`);
    this.graph.addNode(opType, inputs, [out], attributes, {
      name: this.graph.uniqueName(`loss/${opType}`),
    });
    return out;
  }
  ints(values: number[], dims: number[] = [values.length]): string {
    const name = this.graph.uniqueName('loss/const');
    this.graph.addInitializer({
      name,
      type: 'int64',
      dims,
      data: BigInt64Array.from(values, (v) => BigInt(v)),
    });
    return name;
  }
  scalar(value: number): string {
    const name = this.graph.uniqueName('loss/const');
    this.graph.addInitializer({
      name,
      type: this.type,
      dims: [],
      data: this.type === 'float64' ? Float64Array.from([value]) : Float32Array.from([value]),
    });
    return name;
  }
  finish(value: string, output: string): string {
    this.graph.addNode(
      'Identity',
      [value],
      [output],
      {},
      { name: this.graph.uniqueName('loss/output') },
    );
    this.graph.outputs.push({ name: output, type: this.type, shape: [] });
    return output;
  }
}

function checkValue(graph: Graph, name: string, fn: string, arg: string): void {
  checkGraph(fn, graph);
  checkArg(fn, arg, name, 'string');
  const known =
    graph.inputs.some((v) => v.name === name) ||
    graph.initializers.has(name) ||
    graph.nodes.some((n) => n.outputs.includes(name));
  if (!known) {
    throw new OnnxError(
      'UNKNOWN_VALUE',
      `${fn}: ${arg} '${name}' is not a value of the graph; outputs are ${graph.outputs.map((o) => o.name).join(', ')}`,
    );
  }
}

/** Adds `input` to the graph's inputs unless a graph input or a node output already has its name. */
function ensureInput(graph: Graph, input: ValueInfo): void {
  const exists =
    graph.inputs.some((v) => v.name === input.name) ||
    graph.nodes.some((n) => n.outputs.includes(input.name));
  if (!exists) graph.inputs.push(input);
}

/**
 * Mean token cross-entropy over `[..., classes]` logits and int64 labels of the leading shape, skipping labels equal
 * to `ignoreIndex`; PyTorch's `F.cross_entropy(logits.view(-1, C), labels.view(-1), ignore_index)`.
 */
function crossEntropy(
  le: LossEmitter,
  logits: string,
  labels: string,
  ignoreIndex: number,
): string {
  // ONNX SoftmaxCrossEntropyLoss: one fused kernel forward, and a three-pass gradient rule backward.
  const flatLogits = le.op('Flatten', [logits], { axis: int(-1) });
  const flatLabels = le.op('Reshape', [labels, le.ints([-1])]);
  return le.op('SoftmaxCrossEntropyLoss', [flatLogits, flatLabels], {
    ignore_index: int(ignoreIndex),
    reduction: { type: 'string', value: 'mean' },
  });
}

/**
 * Adds a softmax cross-entropy loss (classification or masked LM) to a graph: `logits` `[..., classes]`, int64
 * `labels` of the leading shape (added as a graph input when missing). Returns the loss name.
 * @throws {OnnxError} `UNKNOWN_VALUE` when `logits` is not a value of the graph.
 * @example addSoftmaxCrossEntropyLoss(graph, 'logits', { ignoreIndex: -100 }) // 'loss'
 * @see https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html
 */
export function addSoftmaxCrossEntropyLoss(
  graph: Graph,
  logits: string,
  options: CrossEntropyOptions = {},
): string {
  return addCrossEntropy(graph, logits, options, 'addSoftmaxCrossEntropyLoss', false);
}

/**
 * Adds the causal language-modelling loss of Hugging Face's `GPT2LMHeadModel`: logits `[batch, seq, vocab]` at
 * position `t` predict `labels[:, t + 1]` (shift inside the graph), mean over labels that are not `ignoreIndex`.
 * Pass `labels: 'input_ids'` to train on the inputs themselves.
 * @throws {OnnxError} `UNKNOWN_VALUE` when `logits` is not a value of the graph.
 * @see https://github.com/huggingface/transformers/blob/main/src/transformers/models/gpt2/modeling_gpt2.py
 */
export function addCausalLmLoss(
  graph: Graph,
  logits: string,
  options: CrossEntropyOptions = {},
): string {
  return addCrossEntropy(graph, logits, options, 'addCausalLmLoss', true);
}

/**
 * The cross-entropy builders' shared body: checks, the labels input, the loss and its output. With `shiftLabels`,
 * logits at position `t` are scored against `labels[:, t + 1]` (the causal LM loss).
 */
function addCrossEntropy(
  graph: Graph,
  logits: string,
  options: CrossEntropyOptions,
  fn: string,
  shiftLabels: boolean,
): string {
  checkValue(graph, logits, fn, 'logits');
  checkOptions(fn, options, {
    output: 'string',
    type: ['float32', 'float64'],
    ignoreIndex: 'integer',
    labels: 'string',
  });
  const labels = options.labels ?? 'labels';
  ensureInput(graph, { name: labels, type: 'int64', shape: undefined });
  const le = new LossEmitter(graph, options.type ?? 'float32');
  let scored = { logits, labels };
  if (shiftLabels) {
    const big = 2 ** 62;
    scored = {
      logits: le.op('Slice', [logits, le.ints([0]), le.ints([-1]), le.ints([1])]),
      labels: le.op('Slice', [labels, le.ints([1]), le.ints([big]), le.ints([1])]),
    };
  }
  return le.finish(
    crossEntropy(le, scored.logits, scored.labels, options.ignoreIndex ?? -100),
    options.output ?? 'loss',
  );
}

/**
 * Adds a mean squared error loss `mean((predictions - targets)²)` over all elements (PyTorch's `MSELoss`).
 * `targets` is added as a graph input of the float type when missing.
 * @throws {OnnxError} `UNKNOWN_VALUE` when `predictions` is not a value of the graph.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.MSELoss.html
 */
export function addMseLoss(
  graph: Graph,
  predictions: string,
  options: LossOptions & { targets?: string } = {},
): string {
  checkValue(graph, predictions, 'addMseLoss', 'predictions');
  checkOptions('addMseLoss', options, {
    output: 'string',
    type: ['float32', 'float64'],
    targets: 'string',
  });
  const type = options.type ?? 'float32';
  const targets = options.targets ?? 'targets';
  ensureInput(graph, { name: targets, type });
  const le = new LossEmitter(graph, type);
  const diff = le.op('Sub', [predictions, targets]);
  return le.finish(
    le.op('ReduceMean', [le.op('Mul', [diff, diff])], { keepdims: int(0) }),
    options.output ?? 'loss',
  );
}
