import { OnnxError } from '../../errors';
import { attr } from '../emitter';
import { floatFill, zerosLike } from './gradient-helpers';
import { g0, input, intAttr, rankOf } from './rule-context';
import type { GradientRule } from './rule-context';

/** Scatter-add of `g` into zeros shaped like `data` at the positions a Gather along `axis` read. */
const gather: GradientRule = (ctx) => {
  if (!ctx.needs[0]) return [undefined];
  const { e, node } = ctx;
  const data = input(ctx, 0);
  const indices = input(ctx, 1);
  const g = g0(ctx);
  let axis = intAttr(node, 'axis', 0);
  const r = rankOf(ctx, data);
  const q = rankOf(ctx, indices);
  if (axis < 0) {
    if (r === undefined)
      throw new OnnxError(
        'NO_GRADIENT_RULE',
        `autodiff: Gather node '${node.name}' has a negative axis and data of unknown rank`,
      );
    axis += r;
  }
  const idx = e.op('Unsqueeze', [indices, e.ints([-1])]);
  const add = { reduction: { type: 'string' as const, value: 'add' } };
  if (axis === 0) return [e.op('ScatterND', [zerosLike(e, data), idx, g], add)];
  if (r === undefined || q === undefined) {
    throw new OnnxError(
      'NO_GRADIENT_RULE',
      `autodiff: Gather node '${node.name}' (axis ${axis}) needs known ranks of data and indices`,
    );
  }
  // Move the gathered axis first, scatter-add there, move it back.
  const permData = [
    axis,
    ...Array.from({ length: axis }, (_, i) => i),
    ...Array.from({ length: r - axis - 1 }, (_, i) => axis + 1 + i),
  ];
  const permG = [
    ...Array.from({ length: q }, (_, i) => axis + i),
    ...Array.from({ length: axis }, (_, i) => i),
    ...Array.from({ length: r - axis - 1 }, (_, i) => axis + q + i),
  ];
  const zeros = e.op(
    'ConstantOfShape',
    [e.op('Gather', [e.op('Shape', [data]), e.ints(permData)], { axis: attr.int(0) })],
    { value: floatFill(e, 0) },
  );
  const scattered = e.op(
    'ScatterND',
    [zeros, idx, e.op('Transpose', [g], { perm: attr.ints(permG) })],
    add,
  );
  const inverse = new Array<number>(r);
  permData.forEach((p, i) => (inverse[p] = i));
  return [e.op('Transpose', [scattered], { perm: attr.ints(inverse) })];
};

const gatherElements: GradientRule = (ctx) => {
  if (!ctx.needs[0]) return [undefined];
  const { e, node } = ctx;
  const data = input(ctx, 0);
  return [
    e.op('ScatterElements', [zerosLike(e, data), input(ctx, 1), g0(ctx)], {
      axis: attr.int(intAttr(node, 'axis', 0)),
      reduction: { type: 'string', value: 'add' },
    }),
  ];
};

/** Rules of the indexed reads: their gradients scatter-add back to the positions read. */
export const GATHER_RULES: Readonly<Record<string, GradientRule>> = {
  Gather: gather,
  GatherElements: gatherElements,
};
