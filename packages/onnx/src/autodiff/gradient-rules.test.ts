import { describe, expect, it } from 'vitest';
import {
  DIFFERENTIABLE_INPUTS,
  GRADIENT_RULES,
  NON_DIFFERENTIABLE,
  NON_DIFFERENTIABLE_OUTPUTS,
} from './gradient-rules';
import { ELEMENTWISE_RULES } from './rules/elementwise-rules';
import { GATHER_RULES } from './rules/gather-rules';
import { LOSS_RULES } from './rules/loss-rules';
import { MATMUL_RULES } from './rules/matmul-rules';
import { NORMALIZATION_RULES } from './rules/normalization-rules';
import { REDUCTION_RULES } from './rules/reduction-rules';
import { SHAPE_RULES } from './rules/shape-rules';

const FAMILIES = [
  ELEMENTWISE_RULES,
  GATHER_RULES,
  LOSS_RULES,
  MATMUL_RULES,
  NORMALIZATION_RULES,
  REDUCTION_RULES,
  SHAPE_RULES,
];

describe('GRADIENT_RULES', () => {
  it('takes each op from exactly one rule family (no family silently overrides another)', () => {
    const total = FAMILIES.reduce((n, f) => n + Object.keys(f).length, 0);
    expect(Object.keys(GRADIENT_RULES)).toHaveLength(total);
  });

  it('has a rule for every op whose differentiable inputs or outputs are listed', () => {
    const listed = [
      ...Object.keys(DIFFERENTIABLE_INPUTS),
      ...Object.keys(NON_DIFFERENTIABLE_OUTPUTS),
    ];
    expect(listed.filter((op) => GRADIENT_RULES[op] === undefined)).toEqual([]);
  });

  it('has no rule for an op marked non-differentiable', () => {
    expect([...NON_DIFFERENTIABLE].filter((op) => GRADIENT_RULES[op] !== undefined)).toEqual([]);
  });
});
