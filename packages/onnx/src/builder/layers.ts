import { OnnxError } from '../errors';
import type { ValueInfo } from '../types';
import type { GraphBuilder, ValueLike } from './graph-builder';
import { checkArg, checkOptions, checkValueLike } from '../check-args';
import { checkBuilder } from './check-builder';

/** `torch.finfo(torch.float32).min`, the additive mask value Hugging Face uses for masked attention scores. */
export const FLOAT32_MIN = -3.4028234663852886e38;

function lastDim(b: GraphBuilder, x: ValueLike, where: string): number {
  const info = b.valueInfo(x);
  const d = info.shape?.[info.shape.length - 1];
  if (typeof d !== 'number') {
    throw new OnnxError(
      'INVALID_INPUT',
      `${where}: the last dim of '${info.name}' must be a known size, got ${info.shape === undefined ? 'an unknown shape' : `[${info.shape.join(', ')}]`}`,
    );
  }
  return d;
}

/** The Hugging Face state-dict prefix of the current scope: scope `/encoder/layer.0/x` → `encoder.layer.0.x`. */
export function parameterPrefix(b: GraphBuilder): string {
  checkBuilder('parameterPrefix', b);
  return b.scopePath.slice(1).split('/').join('.');
}

/** Options of {@link linear}. */
export interface LinearOptions {
  /** Module name: the node scope and the parameter prefix (`query` → `…query.weight`). */
  name: string;
  /** Standard deviation of the weight's normal initialisation. @defaultValue 0.02 */
  std?: number;
  /** Add a bias (initialised to zeros). @defaultValue true */
  bias?: boolean;
}

/**
 * A dense layer `x · W + b` as `MatMul` + `Add`, with `W` stored `[in, out]` (the transpose of PyTorch's
 * `nn.Linear.weight`; the layout of GPT-2's `Conv1D`). Weight ~ N(0, std²), bias zeros.
 * @throws {OnnxError} `INVALID_INPUT` when the last dim of `x` is not known.
 */
export function linear(
  b: GraphBuilder,
  x: ValueLike,
  outFeatures: number,
  options: LinearOptions,
): ValueInfo {
  checkBuilder('linear', b);
  checkValueLike('linear', 'x', x);
  checkArg('linear', 'outFeatures', outFeatures, 'positiveInteger');
  checkOptions(
    'linear',
    options,
    { name: 'string', std: 'nonNegative', bias: 'boolean' },
    { required: ['name'] },
  );
  const inFeatures = lastDim(b, x, `linear '${options.name}'`);
  return b.scope(options.name, () => {
    const prefix = parameterPrefix(b);
    const w = b.parameter(`${prefix}.weight`, [inFeatures, outFeatures], {
      normal: options.std ?? 0.02,
    });
    const y = b.op1('MatMul', [x, w]);
    if (options.bias === false) return y;
    const bias = b.parameter(`${prefix}.bias`, [outFeatures], 'zeros');
    return b.op1('Add', [y, bias]);
  });
}

/**
 * `LayerNormalization` over the last axis (opset 17) with gamma = ones and beta = zeros, named like PyTorch
 * (`<name>.weight`, `<name>.bias`).
 */
export function layerNorm(
  b: GraphBuilder,
  x: ValueLike,
  options: { name: string; eps: number },
): ValueInfo {
  checkBuilder('layerNorm', b);
  checkValueLike('layerNorm', 'x', x);
  checkOptions(
    'layerNorm',
    options,
    { name: 'string', eps: 'positive' },
    { required: ['name', 'eps'] },
  );
  const hidden = lastDim(b, x, `layerNorm '${options.name}'`);
  return b.scope(options.name, () => {
    const prefix = parameterPrefix(b);
    const gamma = b.parameter(`${prefix}.weight`, [hidden], 'ones');
    const beta = b.parameter(`${prefix}.bias`, [hidden], 'zeros');
    return b.op1('LayerNormalization', [x, gamma, beta], {
      axis: { type: 'int', value: -1 },
      epsilon: { type: 'float', value: options.eps },
    });
  });
}

/**
 * GELU. `'none'`: the exact erf form `0.5·x·(1 + erf(x/√2))` (BERT's `gelu`); `'tanh'`: the tanh approximation
 * `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))` (GPT-2's `gelu_new`). Opset 17 has no Gelu op, so it is spelled
 * out in elementwise ops, as PyTorch's exporter does.
 * @see https://arxiv.org/abs/1606.08415
 */
export function gelu(
  b: GraphBuilder,
  x: ValueLike,
  approximate: 'none' | 'tanh' = 'none',
): ValueInfo {
  checkBuilder('gelu', b);
  checkValueLike('gelu', 'x', x);
  checkArg('gelu', 'approximate', approximate, ['none', 'tanh']);
  return b.scope(approximate === 'none' ? 'gelu' : 'gelu_new', () => {
    let inner: ValueInfo;
    if (approximate === 'none') {
      inner = b.op1('Erf', [b.op1('Div', [x, b.scalar(Math.SQRT2)])]);
    } else {
      const cube = b.op1('Pow', [x, b.scalar(3)]);
      const poly = b.op1('Add', [x, b.op1('Mul', [cube, b.scalar(0.044715)])]);
      inner = b.op1('Tanh', [b.op1('Mul', [poly, b.scalar(Math.sqrt(2 / Math.PI))])]);
    }
    const onePlus = b.op1('Add', [inner, b.scalar(1)]);
    return b.op1('Mul', [b.op1('Mul', [x, onePlus]), b.scalar(0.5)]);
  });
}

/**
 * `Dropout` with a constant ratio and no `training_mode` input, so it is the identity at inference; a training
 * runner turns it on. Nothing is emitted when `ratio` is 0.
 */
export function dropout(b: GraphBuilder, x: ValueLike, ratio: number, name = 'dropout'): ValueInfo {
  checkBuilder('dropout', b);
  checkValueLike('dropout', 'x', x);
  checkArg('dropout', 'ratio', ratio, 'probability');
  checkArg('dropout', 'name', name, 'string');
  if (ratio === 0) return b.valueInfo(x);
  return b.scope(name, () => b.op1('Dropout', [x, b.scalar(ratio)]));
}

/** Options of {@link mlp}. */
export interface MlpOptions {
  /** Width of the hidden layer. */
  intermediate: number;
  /** Activation between the two dense layers. */
  activation: 'gelu' | 'gelu_new' | 'relu';
  /** Module names of the two dense layers, e.g. `['intermediate/dense', 'output/dense']` for BERT. */
  names: [string, string];
  /** Std of the second layer's weight init (GPT-2 scales residual projections). @defaultValue 0.02 */
  outputStd?: number;
}

/** A two-layer perceptron `act(x·W1 + b1)·W2 + b2` (the transformer feed-forward block). */
export function mlp(b: GraphBuilder, x: ValueLike, options: MlpOptions): ValueInfo {
  checkBuilder('mlp', b);
  checkValueLike('mlp', 'x', x);
  checkOptions(
    'mlp',
    options,
    {
      intermediate: 'positiveInteger',
      activation: ['gelu', 'gelu_new', 'relu'],
      names: 'stringList',
      outputStd: 'nonNegative',
    },
    { required: ['intermediate', 'activation', 'names'] },
  );
  if (options.names.length !== 2) checkArg('mlp', 'options.names', options.names, ['[up, down]']);
  const hidden = lastDim(b, x, 'mlp');
  const [first, second] = options.names;
  const up = nested(b, first, (leaf) => linear(b, x, options.intermediate, { name: leaf }));
  const act =
    options.activation === 'relu'
      ? b.op1('Relu', [up])
      : nested(b, first.split('/').slice(0, -1).join('/'), () =>
          gelu(b, up, options.activation === 'gelu' ? 'none' : 'tanh'),
        );
  return nested(b, second, (leaf) =>
    linear(b, act, hidden, { name: leaf, std: options.outputStd ?? 0.02 }),
  );
}

/** Runs `body(leaf)` inside the scopes of a slash-separated module path (all but its last part). */
export function nested<T>(b: GraphBuilder, path: string, body: (leaf: string) => T): T {
  checkBuilder('nested', b);
  checkArg('nested', 'path', path, 'string');
  if (typeof body !== 'function') checkArg('nested', 'body', body, ['a function']);
  const parts = path.split('/').filter((p) => p !== '');
  const leaf = parts.pop() ?? '';
  const run = (i: number): T =>
    i === parts.length ? body(leaf) : b.scope(parts[i]!, () => run(i + 1));
  return run(0);
}
