import { OnnxError } from '../../errors';
import { reduce, unary, unbroadcast } from './gradient-helpers';
import { floatAttr, g0, input, intAttr, rankOf } from './rule-context';
import type { GradientRule, RuleContext } from './rule-context';

function softmaxAxis(ctx: RuleContext): number {
  return intAttr(ctx.node, 'axis', ctx.opset >= 13 ? -1 : 1);
}

/** Softmax from its output y: dX = y · (g − Σ g·y) along the axis. */
const softmax = unary((ctx, g, _x, y) => {
  const { e } = ctx;
  const dot = reduce(ctx, 'ReduceSum', e.op('Mul', [g, y]), [softmaxAxis(ctx)], true);
  return e.op('Mul', [y, e.op('Sub', [g, dot])]);
});

/** LogSoftmax from its output y: dX = g − exp(y) · Σ g along the axis. */
const logSoftmax = unary((ctx, g, _x, y) => {
  const { e } = ctx;
  const total = reduce(ctx, 'ReduceSum', g, [softmaxAxis(ctx)], true);
  return e.op('Sub', [g, e.op('Mul', [e.op('Exp', [y]), total])]);
});

/** LayerNormalization, recomputing mean and 1/σ in the float type: dX = σ⁻¹(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)), ĝ = g·γ. */
const layerNorm: GradientRule = (ctx) => {
  const { e, node, needs } = ctx;
  const x = input(ctx, 0);
  const scale = input(ctx, 1);
  const g = g0(ctx);
  let axis = intAttr(node, 'axis', -1);
  const r = rankOf(ctx, x);
  let axes: number[];
  if (axis < 0) axes = Array.from({ length: -axis }, (_, i) => axis + i);
  else if (r !== undefined) {
    axes = Array.from({ length: r - axis }, (_, i) => axis + i);
    axis -= r;
  } else
    throw new OnnxError(
      'NO_GRADIENT_RULE',
      `autodiff: LayerNormalization node '${node.name}' has axis ${axis} and input of unknown rank`,
    );
  const eps = floatAttr(node, 'epsilon', 1e-5);
  const mean = reduce(ctx, 'ReduceMean', x, axes, true);
  const centered = e.op('Sub', [x, mean]);
  const variance = reduce(ctx, 'ReduceMean', e.op('Mul', [centered, centered]), axes, true);
  const rstd = e.op('Reciprocal', [e.op('Sqrt', [e.op('Add', [variance, e.scalar(eps)])])]);
  const xhat = e.op('Mul', [centered, rstd]);
  let gx: string | undefined;
  if (needs[0]) {
    const gh = e.op('Mul', [g, scale]);
    const m1 = reduce(ctx, 'ReduceMean', gh, axes, true);
    const m2 = reduce(ctx, 'ReduceMean', e.op('Mul', [gh, xhat]), axes, true);
    gx = e.op('Mul', [rstd, e.op('Sub', [e.op('Sub', [gh, m1]), e.op('Mul', [xhat, m2])])]);
  }
  const gs = needs[1] ? unbroadcast(ctx, e.op('Mul', [g, xhat]), scale, r) : undefined;
  const gbias = needs[2] ? unbroadcast(ctx, g, input(ctx, 2), r) : undefined;
  return [gx, gs, gbias];
};

/** Rules of softmax and layer normalisation. */
export const NORMALIZATION_RULES: Readonly<Record<string, GradientRule>> = {
  Softmax: softmax,
  LogSoftmax: logSoftmax,
  LayerNormalization: layerNorm,
};
