import { OnnxError } from '../errors';
import type { Node } from '../types';
import { attr } from './emitter';
import type { Emitter } from './emitter';
import type { StaticInfo } from './infer-ranks';

/** What a gradient rule sees: the forward node, the gradients of its outputs and which inputs need one. */
export interface RuleContext {
  e: Emitter;
  node: Node;
  /** Gradient value name of each output; `undefined` when that output does not reach the loss (zero). */
  gOut: (string | undefined)[];
  /** `needs[i]` is true when input `i` needs a gradient. */
  needs: boolean[];
  info: Map<string, StaticInfo>;
  /** Constant int values of a value name when it is an initializer or a Constant node (axes, steps, shapes). */
  constantInts: (name: string | undefined) => number[] | undefined;
  opset: number;
}

/** A reverse-mode rule: gradients for the node's inputs (undefined where not needed). */
export type GradientRule = (ctx: RuleContext) => (string | undefined)[];

function intAttr(node: Node, name: string, fallback: number): number {
  const a = node.attributes[name];
  return a?.type === 'int' ? a.value : fallback;
}
function floatAttr(node: Node, name: string, fallback: number): number {
  const a = node.attributes[name];
  return a?.type === 'float' ? a.value : fallback;
}
function intsAttr(node: Node, name: string): number[] | undefined {
  const a = node.attributes[name];
  return a?.type === 'ints' ? a.value : undefined;
}
function rankOf(ctx: RuleContext, name: string | undefined): number | undefined {
  return name === undefined ? undefined : ctx.info.get(name)?.rank;
}
function outRank(ctx: RuleContext): number | undefined {
  return rankOf(ctx, ctx.node.outputs[0]);
}
function input(ctx: RuleContext, i: number): string {
  const name = ctx.node.inputs[i];
  if (name === undefined || name === '') {
    throw new OnnxError(
      'NO_GRADIENT_RULE',
      `autodiff: node '${ctx.node.name}' (${ctx.node.opType}) lacks input ${i}`,
    );
  }
  return name;
}
function output(ctx: RuleContext, i: number): string {
  return ctx.node.outputs[i] ?? '';
}
/** The gradient of output 0, which single-output rules require. */
function g0(ctx: RuleContext): string {
  const g = ctx.gOut[0];
  if (g === undefined)
    throw new OnnxError(
      'NO_GRADIENT_RULE',
      `autodiff: node '${ctx.node.name}' has no output gradient`,
    );
  return g;
}

/** A float zero tensor of the shape of `like` (ConstantOfShape with a float-typed value). */
export function zerosLike(e: Emitter, like: string): string {
  return e.op('ConstantOfShape', [e.op('Shape', [like])], {
    value: {
      type: 'tensor',
      value: {
        name: '',
        type: e.floatType,
        dims: [1],
        data: e.floatType === 'float64' ? new Float64Array(1) : new Float32Array(1),
      },
    },
  });
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

const unary =
  (f: (ctx: RuleContext, g: string, x: string, y: string) => string): GradientRule =>
  (ctx) => [ctx.needs[0] ? f(ctx, g0(ctx), input(ctx, 0), output(ctx, 0)) : undefined];

const reshapeBack: GradientRule = (ctx) => [
  ctx.needs[0] ? ctx.e.op('Reshape', [g0(ctx), ctx.e.op('Shape', [input(ctx, 0)])]) : undefined,
];

function softmaxAxis(ctx: RuleContext): number {
  return intAttr(ctx.node, 'axis', ctx.opset >= 13 ? -1 : 1);
}

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
    {
      value: {
        type: 'tensor',
        value: {
          name: '',
          type: e.floatType,
          dims: [1],
          data: e.floatType === 'float64' ? new Float64Array(1) : new Float32Array(1),
        },
      },
    },
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
      weight ??
      e.op('ConstantOfShape', [e.op('Shape', [labels])], {
        value: {
          type: 'tensor',
          value: {
            name: '',
            type: e.floatType,
            dims: [1],
            data: e.floatType === 'float64' ? Float64Array.from([1]) : Float32Array.from([1]),
          },
        },
      });
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

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** The gradient rule of every differentiable op, by op type (default domain). */
export const GRADIENT_RULES: Readonly<Record<string, GradientRule>> = {
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
  Softmax: unary((ctx, g, _x, y) => {
    const { e } = ctx;
    const dot = reduce(ctx, 'ReduceSum', e.op('Mul', [g, y]), [softmaxAxis(ctx)], true);
    return e.op('Mul', [y, e.op('Sub', [g, dot])]);
  }),
  LogSoftmax: unary((ctx, g, _x, y) => {
    const { e } = ctx;
    const total = reduce(ctx, 'ReduceSum', g, [softmaxAxis(ctx)], true);
    return e.op('Sub', [g, e.op('Mul', [e.op('Exp', [y]), total])]);
  }),
  MatMul: matMul,
  Gemm: gemm,
  ReduceSum: reduceRule(false),
  ReduceMean: reduceRule(true),
  Reshape: reshapeBack,
  Squeeze: reshapeBack,
  Unsqueeze: reshapeBack,
  Flatten: reshapeBack,
  Expand: (ctx) => [
    ctx.needs[0] ? unbroadcast(ctx, g0(ctx), input(ctx, 0), outRank(ctx)) : undefined,
  ],
  Transpose: (ctx) => {
    if (!ctx.needs[0]) return [undefined];
    const perm = intsAttr(ctx.node, 'perm');
    if (perm === undefined) return [ctx.e.op('Transpose', [g0(ctx)])];
    const inverse = new Array<number>(perm.length);
    perm.forEach((p, i) => (inverse[p] = i));
    return [ctx.e.op('Transpose', [g0(ctx)], { perm: attr.ints(inverse) })];
  },
  Concat: concat,
  Split: split,
  Slice: slice,
  Gather: gather,
  GatherElements: gatherElements,
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
  LayerNormalization: layerNorm,
  Dropout: dropout,
  SoftmaxCrossEntropyLoss: softmaxCrossEntropy,
  Sum: (ctx) =>
    ctx.node.inputs.map((x, i) =>
      ctx.needs[i] ? unbroadcast(ctx, g0(ctx), x, outRank(ctx)) : undefined,
    ),
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
