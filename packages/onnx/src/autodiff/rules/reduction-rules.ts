import { g0, input, intAttr, intsAttr, output } from './rule-context';
import type { GradientRule } from './rule-context';

/** ReduceSum (and ReduceMean, `mean`): the output gradient, unsqueezed back and expanded to the input's shape. */
const reduceRule =
  (mean: boolean): GradientRule =>
  (ctx) => {
    if (!ctx.needs[0]) return [undefined];
    const { e, node } = ctx;
    const x = input(ctx, 0);
    let g = g0(ctx);
    const keep = intAttr(node, 'keepdims', 1) === 1;
    const axesInput = node.inputs[1];
    const axesAttr = intsAttr(node, 'axes');
    const hasAxes =
      (axesInput !== undefined && axesInput !== '') ||
      (axesAttr !== undefined && axesAttr.length > 0);
    if (!hasAxes && intAttr(node, 'noop_with_empty_axes', 0) === 1) return [g];
    if (!keep && hasAxes)
      g = e.op('Unsqueeze', [
        g,
        axesInput !== undefined && axesInput !== '' ? axesInput : e.ints(axesAttr ?? []),
      ]);
    if (mean) {
      // mean = sum / (size(X) / size(Y)); divide the small tensor before expanding it.
      const count = e.op('Div', [
        e.toFloat(e.op('Size', [x])),
        e.toFloat(e.op('Size', [output(ctx, 0)])),
      ]);
      g = e.op('Div', [g, count]);
    }
    return [e.op('Expand', [g, e.op('Shape', [x])])];
  };

/** Rules of the reductions. */
export const REDUCTION_RULES: Readonly<Record<string, GradientRule>> = {
  ReduceSum: reduceRule(false),
  ReduceMean: reduceRule(true),
};
