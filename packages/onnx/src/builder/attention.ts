import { OnnxError } from '../errors';
import type { ValueInfo } from '../types';
import type { GraphBuilder, ValueLike } from './graph-builder';
import { dropout, FLOAT32_MIN } from './layers';
import { checkOptions, checkValueLike } from '../check-args';
import { checkBuilder } from './check-builder';

/**
 * The additive padding mask of BERT: `(1 - mask[:, None, None, :]) · finfo(float32).min`, shape
 * `[batch, 1, 1, sequence]`, added to attention scores so padded keys get zero weight.
 * @see https://github.com/huggingface/transformers/blob/main/src/transformers/modeling_utils.py (get_extended_attention_mask)
 */
export function paddingMaskBias(b: GraphBuilder, attentionMask: ValueLike): ValueInfo {
  checkBuilder('paddingMaskBias', b);
  checkValueLike('paddingMaskBias', 'attentionMask', attentionMask);
  return b.scope('mask', () => {
    const expanded = b.op1('Unsqueeze', [attentionMask, b.constant([1, 2])]);
    const asFloat = b.op1('Cast', [expanded], { to: { type: 'int', value: 1 } });
    const inverted = b.op1('Sub', [b.scalar(1), asFloat]);
    return b.op1('Mul', [inverted, b.scalar(FLOAT32_MIN)]);
  });
}

/**
 * The additive causal + padding mask of GPT-2, shape `[batch, 1, sequence, sequence]`: 0 where key `j <= query i`
 * and key `j` is not padding, `finfo(float32).min` elsewhere. One `Where`, so masked entries never sum to -inf.
 */
export function causalMaskBias(b: GraphBuilder, attentionMask: ValueLike): ValueInfo {
  checkBuilder('causalMaskBias', b);
  checkValueLike('causalMaskBias', 'attentionMask', attentionMask);
  return b.scope('mask', () => {
    const length = b.op1(
      'Gather',
      [b.op1('Shape', [attentionMask]), b.constant([1], { dims: [] })],
      { axis: { type: 'int', value: 0 } },
    );
    const positions = b.op1('Range', [
      b.constant([0], { dims: [] }),
      length,
      b.constant([1], { dims: [] }),
    ]);
    const query = b.op1('Unsqueeze', [positions, b.constant([1])]);
    const key = b.op1('Unsqueeze', [positions, b.constant([0])]);
    const causal = b.op1('LessOrEqual', [key, query]);
    const padded = b.op1('Unsqueeze', [attentionMask, b.constant([1, 2])]);
    const keep = b.op1('Cast', [padded], { to: { type: 'int', value: 9 } });
    const allowed = b.op1('And', [causal, keep]);
    return b.op1('Where', [allowed, b.scalar(0), b.scalar(FLOAT32_MIN)]);
  });
}

/** Options of {@link multiHeadAttention}. */
export interface AttentionOptions {
  heads: number;
  /** Additive mask broadcastable to `[batch, heads, query, key]` (from {@link paddingMaskBias} or {@link causalMaskBias}). */
  maskBias: ValueLike;
  /** Dropout on the attention probabilities. @defaultValue 0 */
  dropout?: number;
}

/**
 * Scaled dot-product attention over already projected `query`, `key` and `value` (`[batch, sequence, hidden]`):
 * split into heads, `softmax(q·kᵀ/√d + mask)·v`, merge heads. Node names are fixed so surgery can find them:
 * `KeyTranspose` (`kᵀ`, `[batch, heads, headDim, sequence]`), `ValueTranspose` (`[batch, heads, sequence,
 * headDim]`) and `MaskAdd` (scores + mask) in the current scope.
 * @throws {OnnxError} `INVALID_OPTION` when the hidden size is unknown or not divisible by `heads`.
 * @see https://arxiv.org/abs/1706.03762
 */
export function multiHeadAttention(
  b: GraphBuilder,
  query: ValueLike,
  key: ValueLike,
  value: ValueLike,
  options: AttentionOptions,
): ValueInfo {
  checkBuilder('multiHeadAttention', b);
  checkValueLike('multiHeadAttention', 'query', query);
  checkValueLike('multiHeadAttention', 'key', key);
  checkValueLike('multiHeadAttention', 'value', value);
  checkOptions(
    'multiHeadAttention',
    options,
    { heads: 'positiveInteger', dropout: 'probability' },
    { required: ['heads', 'maskBias'] },
  );
  checkValueLike('multiHeadAttention', 'options.maskBias', options.maskBias);
  const info = b.valueInfo(query);
  const hidden = info.shape?.[info.shape.length - 1];
  if (typeof hidden !== 'number' || hidden % options.heads !== 0) {
    throw new OnnxError(
      'INVALID_OPTION',
      `multiHeadAttention: hidden size ${String(hidden)} of '${info.name}' must be a known multiple of heads (${options.heads})`,
    );
  }
  const headDim = hidden / options.heads;
  const split = b.constant([0, 0, options.heads, headDim]);
  const heads = (x: ValueLike, name: string, perm: number[]): ValueInfo =>
    b.op1(
      'Transpose',
      [b.op1('Reshape', [x, split], {}, `${name}Reshape`)],
      { perm: { type: 'ints', value: perm } },
      `${name}Transpose`,
    );
  const q = heads(query, 'Query', [0, 2, 1, 3]);
  const kT = heads(key, 'Key', [0, 2, 3, 1]);
  const v = heads(value, 'Value', [0, 2, 1, 3]);
  const scores = b.op1('Div', [
    b.op1('MatMul', [q, kT], {}, 'ScoresMatMul'),
    b.scalar(Math.sqrt(headDim)),
  ]);
  const masked = b.op1('Add', [scores, options.maskBias], {}, 'MaskAdd');
  const probs = dropout(
    b,
    b.op1('Softmax', [masked], { axis: { type: 'int', value: -1 } }),
    options.dropout ?? 0,
  );
  const context = b.op1('MatMul', [probs, v], {}, 'ContextMatMul');
  const merged = b.op1(
    'Transpose',
    [context],
    { perm: { type: 'ints', value: [0, 2, 1, 3] } },
    'ContextTranspose',
  );
  return b.op1('Reshape', [merged, b.constant([0, 0, hidden])], {}, 'ContextReshape');
}
