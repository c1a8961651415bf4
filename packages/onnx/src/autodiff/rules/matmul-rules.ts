import { OnnxError } from '../../errors';
import { attr } from '../emitter';
import { unbroadcast } from './gradient-helpers';
import { floatAttr, g0, input, intAttr, rankOf } from './rule-context';
import type { GradientRule } from './rule-context';

/** The permutation that swaps the last two axes of a tensor of rank `rank`. */
function swapLast(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 1] = rank - 2;
  perm[rank - 2] = rank - 1;
  return perm;
}

const matMul: GradientRule = (ctx) => {
  const { e, needs } = ctx;
  const g = g0(ctx);
  const a = input(ctx, 0);
  const b = input(ctx, 1);
  const ra = rankOf(ctx, a);
  const rb = rankOf(ctx, b);
  if (ra === 1 || rb === 1) {
    throw new OnnxError(
      'NO_GRADIENT_RULE',
      `autodiff: MatMul node '${ctx.node.name}' has a 1-D operand; only rank >= 2 is differentiated`,
    );
  }
  let ga: string | undefined;
  let gb: string | undefined;
  if (rb === 2) {
    // A weight: dA = dY · Bᵀ; dB = flatten(A)ᵀ · flatten(dY), one GEMM over all leading dims (no [batch, k, n] temp).
    if (needs[0]) ga = e.op('MatMul', [g, e.op('Transpose', [b], { perm: attr.ints([1, 0]) })]);
    if (needs[1]) {
      gb =
        ra === 2
          ? e.op('Gemm', [a, g], { transA: attr.int(1) })
          : e.op(
              'Gemm',
              [
                e.op('Flatten', [a], { axis: attr.int(-1) }),
                e.op('Flatten', [g], { axis: attr.int(-1) }),
              ],
              { transA: attr.int(1) },
            );
    }
  } else if (ra !== undefined && rb !== undefined) {
    const ry = Math.max(ra, rb);
    if (needs[0])
      ga = unbroadcast(
        ctx,
        e.op('MatMul', [g, e.op('Transpose', [b], { perm: attr.ints(swapLast(rb)) })]),
        a,
        ry,
      );
    if (needs[1])
      gb = unbroadcast(
        ctx,
        e.op('MatMul', [e.op('Transpose', [a], { perm: attr.ints(swapLast(ra)) }), g]),
        b,
        ry,
      );
  } else {
    // Ranks unknown: Einsum's ellipsis transposes the last two dims of any rank.
    if (needs[0])
      ga = unbroadcast(
        ctx,
        e.op('Einsum', [g, b], { equation: { type: 'string', value: '...ij,...kj->...ik' } }),
        a,
        undefined,
      );
    if (needs[1])
      gb = unbroadcast(
        ctx,
        e.op('Einsum', [a, g], { equation: { type: 'string', value: '...ij,...ik->...jk' } }),
        b,
        undefined,
      );
  }
  return [ga, gb];
};

const gemm: GradientRule = (ctx) => {
  const { e, node, needs } = ctx;
  const g = g0(ctx);
  const a = input(ctx, 0);
  const b = input(ctx, 1);
  const alpha = floatAttr(node, 'alpha', 1);
  const beta = floatAttr(node, 'beta', 1);
  const tA = intAttr(node, 'transA', 0) === 1;
  const tB = intAttr(node, 'transB', 0) === 1;
  const gemm2 = (x: string, y: string, ta: boolean, tb: boolean): string =>
    e.op('Gemm', [x, y], {
      alpha: attr.float(alpha),
      transA: attr.int(ta ? 1 : 0),
      transB: attr.int(tb ? 1 : 0),
    });
  // Y = α·op(A)·op(B) + β·C; the four transpose cases of dA and dB (matrix calculus, e.g. Giles 2008).
  let ga: string | undefined;
  let gb: string | undefined;
  if (needs[0])
    ga = !tA
      ? tB
        ? gemm2(g, b, false, false)
        : gemm2(g, b, false, true)
      : tB
        ? gemm2(b, g, true, true)
        : gemm2(b, g, false, true);
  if (needs[1])
    gb = !tB
      ? tA
        ? gemm2(a, g, false, false)
        : gemm2(a, g, true, false)
      : tA
        ? gemm2(g, a, true, true)
        : gemm2(g, a, true, false);
  let gc: string | undefined;
  if (needs[2]) {
    const scaled = beta === 1 ? g : e.op('Mul', [g, e.scalar(beta)]);
    gc = unbroadcast(ctx, scaled, input(ctx, 2), 2);
  }
  return [ga, gb, gc];
};

/** Rules of the matrix products. */
export const MATMUL_RULES: Readonly<Record<string, GradientRule>> = {
  MatMul: matMul,
  Gemm: gemm,
};
