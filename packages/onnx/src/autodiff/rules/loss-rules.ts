import { OnnxError } from '../../errors';
import { attr } from '../emitter';
import { floatFill } from './gradient-helpers';
import { g0, input, rankOf } from './rule-context';
import type { GradientRule } from './rule-context';

/**
 * SoftmaxCrossEntropyLoss over [N, C] scores (no class weights): d scores = (softmax − onehot(label)) · g · w_n / Σw
 * for 'mean' (w_n = 0 on ignored rows), in three passes over [N, C] — exp of the log-prob output, a row scale and
 * a scatter-add of −scale at each label.
 */
const softmaxCrossEntropy: GradientRule = (ctx) => {
  if (!ctx.needs[0]) return [undefined];
  const { e, node } = ctx;
  if (ctx.gOut[1] !== undefined) {
    throw new OnnxError(
      'NO_GRADIENT_RULE',
      `autodiff: SoftmaxCrossEntropyLoss node '${node.name}': its log_prob output is on the path to the loss; only the loss output is differentiated`,
    );
  }
  const scores = input(ctx, 0);
  const r = rankOf(ctx, scores);
  const weights = node.inputs[2];
  if ((r !== undefined && r !== 2) || (weights !== undefined && weights !== '')) {
    throw new OnnxError(
      'NO_GRADIENT_RULE',
      `autodiff: SoftmaxCrossEntropyLoss node '${node.name}' is differentiated for [N, C] scores without class weights only; flatten the scores first`,
    );
  }
  const reductionAttr = node.attributes['reduction'];
  const reduction = reductionAttr?.type === 'string' ? reductionAttr.value : 'mean';
  let logProb = node.outputs[1];
  if (logProb === undefined || logProb === '') {
    logProb = e.name('log_prob');
    node.outputs[1] = logProb;
  }
  const labels = input(ctx, 1);
  const ignoreAttr = node.attributes['ignore_index'];
  let safe = labels;
  let weight: string | undefined;
  if (ignoreAttr?.type === 'int') {
    const valid = e.op('Not', [e.op('Equal', [labels, e.int(ignoreAttr.value)])]);
    safe = e.op('Where', [valid, labels, e.int(0)]);
    weight = e.toFloat(valid);
  }
  const g = g0(ctx);
  let scale: string;
  if (reduction === 'none') scale = weight === undefined ? g : e.op('Mul', [g, weight]);
  else {
    const ones =
      weight ?? e.op('ConstantOfShape', [e.op('Shape', [labels])], { value: floatFill(e, 1) });
    scale = e.op('Mul', [ones, g]);
    if (reduction === 'mean')
      scale = e.op('Div', [scale, e.op('ReduceSum', [ones], { keepdims: attr.int(0) })]);
  }
  const column = e.op('Unsqueeze', [scale, e.ints([1])]);
  const dz = e.op('Mul', [e.op('Exp', [logProb]), column]);
  return [
    e.op('ScatterElements', [dz, e.op('Unsqueeze', [safe, e.ints([1])]), e.op('Neg', [column])], {
      axis: attr.int(1),
      reduction: { type: 'string', value: 'add' },
    }),
  ];
};

/** Rules of the fused loss ops. */
export const LOSS_RULES: Readonly<Record<string, GradientRule>> = {
  SoftmaxCrossEntropyLoss: softmaxCrossEntropy,
};
