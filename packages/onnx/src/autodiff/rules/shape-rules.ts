import { attr } from '../emitter';
import { unbroadcast, zerosLike } from './gradient-helpers';
import { g0, input, intAttr, intsAttr, outRank, rankOf } from './rule-context';
import type { GradientRule } from './rule-context';

/** Ops that only re-view their input: the gradient is reshaped back to the input's shape. */
const reshapeBack: GradientRule = (ctx) => [
  ctx.needs[0] ? ctx.e.op('Reshape', [g0(ctx), ctx.e.op('Shape', [input(ctx, 0)])]) : undefined,
];

const transpose: GradientRule = (ctx) => {
  if (!ctx.needs[0]) return [undefined];
  const perm = intsAttr(ctx.node, 'perm');
  if (perm === undefined) return [ctx.e.op('Transpose', [g0(ctx)])];
  const inverse = new Array<number>(perm.length);
  perm.forEach((p, i) => (inverse[p] = i));
  return [ctx.e.op('Transpose', [g0(ctx)], { perm: attr.ints(inverse) })];
};

const concat: GradientRule = (ctx) => {
  const { e, node } = ctx;
  const axis = intAttr(node, 'axis', 0);
  const sizes = node.inputs.map((i) =>
    e.op(
      'Shape',
      [i],
      axis === -1 ? { start: attr.int(-1) } : { start: attr.int(axis), end: attr.int(axis + 1) },
    ),
  );
  const parts = e.opN(
    'Split',
    [g0(ctx), e.op('Concat', sizes, { axis: attr.int(0) })],
    node.inputs.length,
    { axis: attr.int(axis) },
  );
  return parts.map((p, i) => (ctx.needs[i] ? p : undefined));
};

const split: GradientRule = (ctx) => {
  if (!ctx.needs[0]) return [undefined];
  const { e, node } = ctx;
  const parts = node.outputs.map((o, i) => ctx.gOut[i] ?? zerosLike(e, o));
  return [e.op('Concat', parts, { axis: attr.int(intAttr(node, 'axis', 0)) })];
};

/**
 * Slice: pad the gradient back with zeros when steps are 1 and axes are known (the common case: the causal-LM
 * shift, mask crops); otherwise scatter through a slice of element indices.
 */
const slice: GradientRule = (ctx) => {
  if (!ctx.needs[0]) return [undefined];
  const { e, node } = ctx;
  const data = input(ctx, 0);
  const g = g0(ctx);
  const r = rankOf(ctx, data);
  const [, starts, ends, axesName, stepsName] = node.inputs;
  const startsConst = ctx.constantInts(starts);
  const steps = stepsName ? ctx.constantInts(stepsName) : undefined;
  const axesConst = axesName ? ctx.constantInts(axesName) : startsConst?.map((_, i) => i);
  const unitSteps = !stepsName || (steps !== undefined && steps.every((s) => s === 1));
  if (r !== undefined && axesConst !== undefined && unitSteps && starts && ends) {
    const axes = axesConst.map((a) => (a < 0 ? a + r : a));
    const dims = e.op('Gather', [e.op('Shape', [data]), e.ints(axes)], { axis: attr.int(0) });
    const zero = e.int(0);
    // Normalise like the Slice spec: negative → +dim, then clamp into [0, dim].
    const norm = (v: string): string => {
      const shifted = e.op('Where', [e.op('Less', [v, zero]), e.op('Add', [v, dims]), v]);
      return e.op('Min', [e.op('Max', [shifted, zero]), dims]);
    };
    const s = norm(starts);
    const en = e.op('Max', [norm(ends), s]);
    const after = e.op('Sub', [dims, en]);
    const pads = e.op(
      'ScatterElements',
      [
        e.ints(new Array<number>(2 * r).fill(0)),
        e.ints([...axes, ...axes.map((a) => a + r)]),
        e.op('Concat', [s, after], { axis: attr.int(0) }),
      ],
      {
        axis: attr.int(0),
      },
    );
    return [e.op('Pad', [g, pads])];
  }
  const n = e.op('Size', [data]);
  const ids = e.op('Reshape', [e.op('Range', [e.int(0), n, e.int(1)]), e.op('Shape', [data])]);
  const picked = e.op('Reshape', [e.op('Slice', [ids, ...node.inputs.slice(1)]), e.ints([-1])]);
  const flat = e.op(
    'ScatterElements',
    [
      e.op('Reshape', [zerosLike(e, data), e.ints([-1])]),
      picked,
      e.op('Reshape', [g, e.ints([-1])]),
    ],
    { axis: attr.int(0) },
  );
  return [e.op('Reshape', [flat, e.op('Shape', [data])])];
};

/** Rules of the ops that move, view, cut or join values without arithmetic. */
export const SHAPE_RULES: Readonly<Record<string, GradientRule>> = {
  Reshape: reshapeBack,
  Squeeze: reshapeBack,
  Unsqueeze: reshapeBack,
  Flatten: reshapeBack,
  Expand: (ctx) => [
    ctx.needs[0] ? unbroadcast(ctx, g0(ctx), input(ctx, 0), outRank(ctx)) : undefined,
  ],
  Transpose: transpose,
  Concat: concat,
  Split: split,
  Slice: slice,
};
