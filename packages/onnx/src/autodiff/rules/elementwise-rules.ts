import { unary, unbroadcast } from './gradient-helpers';
import { g0, input, outRank, output } from './rule-context';
import type { GradientRule, RuleContext } from './rule-context';

/** A two-input broadcasting op: each input's gradient, summed back to that input's shape. */
const binary =
  (
    fa: (ctx: RuleContext, g: string) => string,
    fb: (ctx: RuleContext, g: string) => string,
  ): GradientRule =>
  (ctx) => {
    const g = g0(ctx);
    return [
      ctx.needs[0] ? unbroadcast(ctx, fa(ctx, g), input(ctx, 0), outRank(ctx)) : undefined,
      ctx.needs[1] ? unbroadcast(ctx, fb(ctx, g), input(ctx, 1), outRank(ctx)) : undefined,
    ];
  };

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

const dropout: GradientRule = (ctx) => {
  if (!ctx.needs[0]) return [undefined];
  const { e, node } = ctx;
  const training = node.inputs[2];
  const trainingConst = ctx.constantInts(training);
  if (!training || (trainingConst !== undefined && trainingConst.every((v) => v === 0)))
    return [g0(ctx)];
  // Training-mode Dropout: reuse its mask (adding the output if the node had none) and scale by 1 / (1 - ratio).
  let mask = node.outputs[1];
  if (mask === undefined || mask === '') {
    mask = e.name('dropout_mask');
    node.outputs[1] = mask;
  }
  const ratio = node.inputs[1] ? e.op('CastLike', [node.inputs[1], g0(ctx)]) : e.scalar(0.5);
  const keep = e.op('Sub', [e.scalar(1), ratio]);
  return [e.op('Div', [e.op('Mul', [g0(ctx), e.op('CastLike', [mask, g0(ctx)])]), keep])];
};

/** Rules of the elementwise ops: arithmetic, activations, selection, casts and Dropout's mask. */
export const ELEMENTWISE_RULES: Readonly<Record<string, GradientRule>> = {
  Add: binary(
    (_, g) => g,
    (_, g) => g,
  ),
  Sub: binary(
    (_, g) => g,
    (ctx, g) => ctx.e.op('Neg', [g]),
  ),
  Mul: binary(
    (ctx, g) => ctx.e.op('Mul', [g, input(ctx, 1)]),
    (ctx, g) => ctx.e.op('Mul', [g, input(ctx, 0)]),
  ),
  Div: binary(
    (ctx, g) => ctx.e.op('Div', [g, input(ctx, 1)]),
    (ctx, g) =>
      ctx.e.op('Neg', [ctx.e.op('Mul', [g, ctx.e.op('Div', [output(ctx, 0), input(ctx, 1)])])]),
  ),
  Pow: binary(
    (ctx, g) => {
      const { e } = ctx;
      const b = input(ctx, 1);
      const bMinus1 = e.op('Sub', [b, e.op('CastLike', [e.scalar(1), b])]);
      return e.op('Mul', [
        e.op('Mul', [g, e.op('CastLike', [b, g])]),
        e.op('Pow', [input(ctx, 0), bMinus1]),
      ]);
    },
    (ctx, g) =>
      ctx.e.op('CastLike', [
        ctx.e.op('Mul', [ctx.e.op('Mul', [g, output(ctx, 0)]), ctx.e.op('Log', [input(ctx, 0)])]),
        input(ctx, 1),
      ]),
  ),
  Neg: unary((ctx, g) => ctx.e.op('Neg', [g])),
  Identity: unary((_, g) => g),
  Sqrt: unary((ctx, g, _x, y) => ctx.e.op('Div', [ctx.e.op('Mul', [g, ctx.e.scalar(0.5)]), y])),
  Exp: unary((ctx, g, _x, y) => ctx.e.op('Mul', [g, y])),
  Log: unary((ctx, g, x) => ctx.e.op('Div', [g, x])),
  Reciprocal: unary((ctx, g, _x, y) =>
    ctx.e.op('Neg', [ctx.e.op('Mul', [g, ctx.e.op('Mul', [y, y])])]),
  ),
  Tanh: unary((ctx, g, _x, y) =>
    ctx.e.op('Mul', [g, ctx.e.op('Sub', [ctx.e.scalar(1), ctx.e.op('Mul', [y, y])])]),
  ),
  Erf: unary((ctx, g, x) => {
    const { e } = ctx;
    const bump = e.op('Exp', [e.op('Neg', [e.op('Mul', [x, x])])]);
    return e.op('Mul', [e.op('Mul', [g, e.scalar(TWO_OVER_SQRT_PI)]), bump]);
  }),
  Relu: unary((ctx, g, x) => {
    const zero = ctx.e.scalar(0);
    return ctx.e.op('Where', [ctx.e.op('Greater', [x, zero]), g, zero]);
  }),
  Sigmoid: unary((ctx, g, _x, y) =>
    ctx.e.op('Mul', [g, ctx.e.op('Mul', [y, ctx.e.op('Sub', [ctx.e.scalar(1), y])])]),
  ),
  Where: (ctx) => {
    const { e } = ctx;
    const g = g0(ctx);
    const zero = e.scalar(0);
    const c = input(ctx, 0);
    return [
      undefined,
      ctx.needs[1]
        ? unbroadcast(ctx, e.op('Where', [c, g, zero]), input(ctx, 1), outRank(ctx))
        : undefined,
      ctx.needs[2]
        ? unbroadcast(ctx, e.op('Where', [c, zero, g]), input(ctx, 2), outRank(ctx))
        : undefined,
    ];
  },
  Cast: (ctx) => [ctx.needs[0] ? ctx.e.op('CastLike', [g0(ctx), input(ctx, 0)]) : undefined],
  CastLike: (ctx) => [
    ctx.needs[0] ? ctx.e.op('CastLike', [g0(ctx), input(ctx, 0)]) : undefined,
    undefined,
  ],
  Sum: (ctx) =>
    ctx.node.inputs.map((x, i) =>
      ctx.needs[i] ? unbroadcast(ctx, g0(ctx), x, outRank(ctx)) : undefined,
    ),
  Dropout: dropout,
};
