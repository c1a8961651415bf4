/**
 * The tables autodiff reads: the rule of each differentiable op (the rules live in `rules/`, one file per family
 * of ops) and which input and output slots carry gradients.
 */
import { ELEMENTWISE_RULES } from './rules/elementwise-rules';
import { GATHER_RULES } from './rules/gather-rules';
import { LOSS_RULES } from './rules/loss-rules';
import { MATMUL_RULES } from './rules/matmul-rules';
import { NORMALIZATION_RULES } from './rules/normalization-rules';
import { REDUCTION_RULES } from './rules/reduction-rules';
import type { GradientRule } from './rules/rule-context';
import { SHAPE_RULES } from './rules/shape-rules';

export type { GradientRule, RuleContext } from './rules/rule-context';
export { reduce, unbroadcast, zerosLike } from './rules/gradient-helpers';

/** The gradient rule of every differentiable op, by op type (default domain). */
export const GRADIENT_RULES: Readonly<Record<string, GradientRule>> = {
  ...ELEMENTWISE_RULES,
  ...MATMUL_RULES,
  ...REDUCTION_RULES,
  ...SHAPE_RULES,
  ...GATHER_RULES,
  ...NORMALIZATION_RULES,
  ...LOSS_RULES,
};

/** Which input slots of an op carry gradients (others are indices, shapes, axes, conditions). */
export const DIFFERENTIABLE_INPUTS: Readonly<Record<string, readonly number[]>> = {
  Reshape: [0],
  Squeeze: [0],
  Unsqueeze: [0],
  Flatten: [0],
  Expand: [0],
  Slice: [0],
  Gather: [0],
  GatherElements: [0],
  Split: [0],
  Dropout: [0],
  Where: [1, 2],
  ReduceSum: [0],
  ReduceMean: [0],
  Transpose: [0],
  Cast: [0],
  CastLike: [0],
  SoftmaxCrossEntropyLoss: [0],
  LayerNormalization: [0, 1, 2],
  Gemm: [0, 1, 2],
};

/** Ops whose outputs never carry gradients: shapes, comparisons, indices, random numbers. */
export const NON_DIFFERENTIABLE = new Set([
  'Shape',
  'Size',
  'ConstantOfShape',
  'Range',
  'Equal',
  'Less',
  'Greater',
  'LessOrEqual',
  'GreaterOrEqual',
  'Not',
  'And',
  'Or',
  'Xor',
  'NonZero',
  'ArgMax',
  'ArgMin',
  'Floor',
  'Ceil',
  'Round',
  'Sign',
  'IsNaN',
  'IsInf',
  'RandomUniform',
  'RandomNormal',
  'RandomUniformLike',
  'RandomNormalLike',
  'Bernoulli',
  'EyeLike',
  'OneHot',
  'Constant',
  'TopK',
  'Mod',
  'BitShift',
]);

/** Output slots that never carry gradients even when the op is differentiable (masks, saved statistics). */
export const NON_DIFFERENTIABLE_OUTPUTS: Readonly<Record<string, readonly number[]>> = {
  Dropout: [1],
  LayerNormalization: [1, 2],
};
