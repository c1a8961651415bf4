import type { Attribute } from '../../types';
import { attr } from '../emitter';
import type { Emitter } from '../emitter';
import { g0, input, output, rankOf } from './rule-context';
import type { GradientRule, RuleContext } from './rule-context';

/** The `value` attribute of a ConstantOfShape that fills with `fill` in the graph's float type. */
export function floatFill(e: Emitter, fill: number): Attribute {
  return {
    type: 'tensor',
    value: {
      name: '',
      type: e.floatType,
      dims: [1],
      data: e.floatType === 'float64' ? Float64Array.from([fill]) : Float32Array.from([fill]),
    },
  };
}

/** A float zero tensor of the shape of `like` (ConstantOfShape with a float-typed value). */
export function zerosLike(e: Emitter, like: string): string {
  return e.op('ConstantOfShape', [e.op('Shape', [like])], { value: floatFill(e, 0) });
}

/** A reduce op: axes as an attribute before the opset that moved them to an input (18; 13 for ReduceSum). */
export function reduce(
  ctx: RuleContext,
  op: 'ReduceSum' | 'ReduceMean',
  x: string,
  axes: number[],
  keepdims: boolean,
): string {
  const moved = op === 'ReduceSum' ? 13 : 18;
  if (ctx.opset >= moved)
    return ctx.e.op(op, [x, ctx.e.ints(axes)], { keepdims: attr.int(keepdims ? 1 : 0) });
  return ctx.e.op(op, [x], { axes: attr.ints(axes), keepdims: attr.int(keepdims ? 1 : 0) });
}

/**
 * Sums a gradient over the axes along which `like` was broadcast to the gradient's shape (NumPy rules), so it gets
 * `like`'s shape. Static axes when `like`'s dims are known (initializers); shape ops at run time otherwise.
 */
export function unbroadcast(
  ctx: RuleContext,
  g: string,
  like: string,
  gRank: number | undefined,
): string {
  const { e } = ctx;
  const rg = gRank;
  const init = e.graph.initializers.get(like);
  const declared = e.graph.inputs.find((v) => v.name === like)?.shape;
  const dims = init?.dims ?? (declared?.every((d) => typeof d === 'number') ? declared : undefined);
  if (dims !== undefined && rg !== undefined && rg >= dims.length) {
    const lead = rg - dims.length;
    const axes: number[] = [];
    for (let i = 0; i < lead; i++) axes.push(i);
    dims.forEach((d, i) => {
      if (d === 1) axes.push(lead + i);
    });
    if (axes.length === 0) return g;
    const summed = e.op('ReduceSum', [g, e.ints(axes)], { keepdims: attr.int(1) });
    return e.op('Reshape', [summed, e.ints(dims)]);
  }
  const rl = rankOf(ctx, like);
  const shapeLike = e.op('Shape', [like]);
  const shapeG = e.op('Shape', [g]);
  let padded = shapeLike;
  if (rl === undefined || rg === undefined) {
    // Left-pad shape(like) with ones to rank(g): the last rank(g) entries of [1 × 8, ...shape(like)].
    const cat = e.op('Concat', [e.ints(new Array<number>(8).fill(1)), shapeLike], {
      axis: attr.int(0),
    });
    const start = e.op('Unsqueeze', [
      e.op('Sub', [e.op('Size', [cat]), e.op('Size', [shapeG])]),
      e.ints([0]),
    ]);
    padded = e.op('Slice', [cat, start, e.ints([2 ** 62])]);
  } else if (rg > rl) {
    padded = e.op('Concat', [e.ints(new Array<number>(rg - rl).fill(1)), shapeLike], {
      axis: attr.int(0),
    });
  } else if (rg === rl && like === g) return g;
  const differs = e.op('Not', [e.op('Equal', [padded, shapeG])]);
  const axes = e.op('Reshape', [e.op('NonZero', [differs]), e.ints([-1])]);
  const summed = e.op('ReduceSum', [g, axes], {
    keepdims: attr.int(1),
    noop_with_empty_axes: attr.int(1),
  });
  return e.op('Reshape', [summed, shapeLike]);
}

/** A one-input op whose gradient is a function of the output gradient, the input `x` and the output `y`. */
export const unary =
  (f: (ctx: RuleContext, g: string, x: string, y: string) => string): GradientRule =>
  (ctx) => [ctx.needs[0] ? f(ctx, g0(ctx), input(ctx, 0), output(ctx, 0)) : undefined];
