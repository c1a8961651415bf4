import { DATA_TYPES, checkArg, checkOptions, checkShape } from '../check-args';
import { dataTypeFromOnnx } from '../data-type';
import type { DataType } from '../data-type';
import type { Attribute, Dim } from '../types';

/** What shape inference knows about one value: its element type and, where known, its shape. */
export interface ValueType {
  type: DataType;
  /** `undefined` when the rank is unknown. */
  shape?: Dim[];
}

/**
 * The output shape of NumPy-style (multidirectional) broadcasting of `shapes`, or `undefined` when a rank is
 * unknown. Unequal symbolic dims broadcast to an unknown dim unless one side is 1.
 * @see https://github.com/onnx/onnx/blob/main/docs/Broadcasting.md
 */
export function broadcastShapes(
  shapes: readonly (readonly Dim[] | undefined)[],
): Dim[] | undefined {
  if (!Array.isArray(shapes)) checkArg('broadcastShapes', 'shapes', shapes, ['an array of shapes']);
  shapes.forEach((s, i) => s !== undefined && checkShape('broadcastShapes', `shapes[${i}]`, s));
  let rank = 0;
  for (const s of shapes) {
    if (s === undefined) return undefined;
    rank = Math.max(rank, s.length);
  }
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    // An unknown dim is 1 or equal to the others, so any known dim other than 1 wins over it.
    let dim: Dim = 1;
    let unknown = false;
    let conflict = false;
    for (const s of shapes as readonly (readonly Dim[])[]) {
      const j = s.length - rank + i;
      if (j < 0) continue;
      const d = s[j];
      if (d === 1) continue;
      if (d === undefined) unknown = true;
      else if (dim === 1) dim = d;
      else if (dim !== d) {
        // Differing numbers are a broadcast error the runtime reports; differing symbols may still be equal.
        conflict = true;
      }
    }
    if ((dim === 1 && unknown) || conflict) dim = undefined;
    out.push(dim);
  }
  return out;
}

function axis(value: number, rank: number): number {
  return value < 0 ? value + rank : value;
}

function ints(attributes: Record<string, Attribute>, key: string): number[] | undefined {
  const a = attributes[key];
  return a?.type === 'ints' ? a.value : undefined;
}

function int(attributes: Record<string, Attribute>, key: string, fallback: number): number {
  const a = attributes[key];
  return a?.type === 'int' ? a.value : fallback;
}

/**
 * Infers the element types and shapes of a node's outputs for the operators the builder emits, from its
 * inputs' types and the values of constant inputs (`constants`: the integer contents of constant tensors,
 * by input position). Unknown shapes come back as `undefined` shape, never as a guess.
 */
export function inferShape(
  opType: string,
  inputs: readonly (ValueType | undefined)[],
  attributes: Record<string, Attribute>,
  constants: readonly (readonly number[] | undefined)[],
  outputCount: number,
): ValueType[] {
  const where = 'inferShape';
  checkArg(where, 'opType', opType, 'string');
  if (!Array.isArray(inputs)) checkArg(where, 'inputs', inputs, ['an array of value types']);
  inputs.forEach((v, i) => {
    if (v === undefined) return;
    checkOptions(where, v, { type: DATA_TYPES }, { label: `inputs[${i}]`, required: ['type'] });
    if (v.shape !== undefined) checkShape(where, `inputs[${i}].shape`, v.shape);
  });
  checkArg(where, 'attributes', attributes, 'object');
  if (!Array.isArray(constants)) checkArg(where, 'constants', constants, ['an array']);
  constants.forEach((c, i) => {
    if (c === undefined) return;
    if (!Array.isArray(c)) checkArg(where, `constants[${i}]`, c, ['an array of integers']);
    c.forEach((v, j) => checkArg(where, `constants[${i}][${j}]`, v, 'integer'));
  });
  checkArg(where, 'outputCount', outputCount, 'nonNegativeInteger');
  const first = inputs[0];
  const type: DataType = first?.type ?? 'float32';
  const same = (shape: Dim[] | undefined, t: DataType = type): ValueType[] =>
    Array.from({ length: outputCount }, () =>
      shape === undefined ? { type: t } : { type: t, shape },
    );
  const shapeOf = (i: number): Dim[] | undefined => inputs[i]?.shape;
  switch (opType) {
    case 'Identity':
    case 'Erf':
    case 'Tanh':
    case 'Relu':
    case 'Sigmoid':
    case 'Sqrt':
    case 'Exp':
    case 'Log':
    case 'Neg':
    case 'Softmax':
    case 'LogSoftmax':
    case 'LayerNormalization':
    case 'Not':
      return same(shapeOf(0));
    case 'Dropout':
      return [
        first?.shape ? { type, shape: first.shape } : { type },
        ...(outputCount > 1
          ? [
              first?.shape
                ? { type: 'bool' as const, shape: first.shape }
                : { type: 'bool' as const },
            ]
          : []),
      ];
    case 'Add':
    case 'Sub':
    case 'Mul':
    case 'Div':
    case 'Pow':
      return same(broadcastShapes([shapeOf(0), shapeOf(1)]));
    case 'And':
    case 'Or':
    case 'Equal':
    case 'Less':
    case 'LessOrEqual':
    case 'Greater':
    case 'GreaterOrEqual':
      return same(broadcastShapes([shapeOf(0), shapeOf(1)]), 'bool');
    case 'Where':
      return same(
        broadcastShapes([shapeOf(0), shapeOf(1), shapeOf(2)]),
        inputs[1]?.type ?? 'float32',
      );
    case 'Cast': {
      const to = attributes['to'];
      return same(shapeOf(0), to?.type === 'int' ? dataTypeFromOnnx(to.value, 'Cast.to') : type);
    }
    case 'MatMul': {
      const a = shapeOf(0);
      const b = shapeOf(1);
      if (a === undefined || b === undefined || a.length < 2 || b.length < 2)
        return same(undefined);
      const batch = broadcastShapes([a.slice(0, -2), b.slice(0, -2)]);
      return same(batch && [...batch, a[a.length - 2], b[b.length - 1]]);
    }
    case 'Gather': {
      const data = shapeOf(0);
      const indices = shapeOf(1);
      if (data === undefined || indices === undefined) return same(undefined);
      const ax = axis(int(attributes, 'axis', 0), data.length);
      return same([...data.slice(0, ax), ...indices, ...data.slice(ax + 1)]);
    }
    case 'Transpose': {
      const data = shapeOf(0);
      if (data === undefined) return same(undefined);
      const perm = ints(attributes, 'perm') ?? data.map((_, i) => data.length - 1 - i);
      return same(perm.map((p) => data[p]));
    }
    case 'Reshape': {
      const data = shapeOf(0);
      const target = constants[1];
      if (target === undefined) return same(undefined);
      // 0 copies the input dim (allowzero = 0); -1 is inferred, unknown here unless all else is numeric.
      const out: Dim[] = target.map((t, i) => (t === 0 ? data?.[i] : t === -1 ? undefined : t));
      const minus = target.indexOf(-1);
      if (minus >= 0 && data !== undefined && data.every((d) => typeof d === 'number')) {
        const total = data.reduce<number>((p, d) => p * d, 1);
        const known = out.reduce<number>((p, d, i) => (i === minus ? p : p * (d as number)), 1);
        if (out.every((d, i) => i === minus || typeof d === 'number')) out[minus] = total / known;
      }
      return same(out);
    }
    case 'Unsqueeze': {
      const data = shapeOf(0);
      const axes = constants[1];
      if (data === undefined || axes === undefined) return same(undefined);
      const rank = data.length + axes.length;
      const norm = new Set(axes.map((a) => axis(a, rank)));
      const out: Dim[] = [];
      let j = 0;
      for (let i = 0; i < rank; i++) out.push(norm.has(i) ? 1 : data[j++]);
      return same(out);
    }
    case 'Squeeze': {
      const data = shapeOf(0);
      const axes = constants[1];
      if (data === undefined || axes === undefined) return same(undefined);
      const norm = new Set(axes.map((a) => axis(a, data.length)));
      return same(data.filter((_, i) => !norm.has(i)));
    }
    case 'Concat': {
      const shapes = inputs.map((i) => i?.shape);
      const firstShape = shapes[0];
      if (firstShape === undefined || shapes.some((s) => s === undefined)) return same(undefined);
      const ax = axis(int(attributes, 'axis', 0), firstShape.length);
      let total: Dim = 0;
      for (const s of shapes as Dim[][]) {
        const d = s[ax];
        total = typeof total === 'number' && typeof d === 'number' ? total + d : undefined;
      }
      return same(firstShape.map((d, i) => (i === ax ? total : d)));
    }
    case 'Split': {
      const data = shapeOf(0);
      if (data === undefined) return same(undefined);
      const ax = axis(int(attributes, 'axis', 0), data.length);
      const d = data[ax];
      const part: Dim = typeof d === 'number' ? d / outputCount : undefined;
      return same(data.map((x, i) => (i === ax ? part : x)));
    }
    case 'Shape':
      return same(shapeOf(0) && [shapeOf(0)!.length], 'int64');
    case 'ReduceMean':
    case 'ReduceSum': {
      const data = shapeOf(0);
      // ReduceSum takes axes as input 1 (opset 13); ReduceMean as attribute (until opset 18).
      const axes = opType === 'ReduceSum' ? constants[1] : ints(attributes, 'axes');
      if (data === undefined || axes === undefined) return same(undefined);
      const keep = int(attributes, 'keepdims', 1) === 1;
      const norm = new Set(axes.map((a) => axis(a, data.length)));
      const out: Dim[] = [];
      data.forEach((d, i) => {
        if (!norm.has(i)) out.push(d);
        else if (keep) out.push(1);
      });
      return same(out);
    }
    case 'Range':
      return same([undefined], inputs[0]?.type ?? 'int64');
    case 'Expand':
    case 'ConstantOfShape': {
      const target = constants[opType === 'Expand' ? 1 : 0];
      const length = opType === 'Expand' ? inputs[1]?.shape?.[0] : inputs[0]?.shape?.[0];
      const value = attributes['value'];
      const t =
        opType === 'ConstantOfShape'
          ? value?.type === 'tensor'
            ? value.value.type
            : 'float32'
          : type;
      if (target !== undefined) {
        return same(opType === 'Expand' ? broadcastShapes([shapeOf(0), target]) : [...target], t);
      }
      if (typeof length === 'number') {
        const unknown: Dim[] = Array.from({ length }, () => undefined);
        return same(opType === 'Expand' ? broadcastShapes([shapeOf(0), unknown]) : unknown, t);
      }
      return same(undefined, t);
    }
    case 'Slice':
      return same(shapeOf(0)?.map(() => undefined));
    case 'Gemm': {
      const a = shapeOf(0);
      const b = shapeOf(1);
      if (a === undefined || b === undefined) return same(undefined);
      const ta = int(attributes, 'transA', 0) === 1;
      const tb = int(attributes, 'transB', 0) === 1;
      return same([ta ? a[1] : a[0], tb ? b[0] : b[1]]);
    }
    default:
      return same(undefined);
  }
}
