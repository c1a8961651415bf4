import type { Graph } from '../graph';
import type { Node } from '../types';

/**
 * What static facts autodiff knows about a value: its rank and, for 1-D int64 shape vectors, their length (so
 * `Reshape(x, Concat(...))` has a known rank). `undefined` means unknown; rules then fall back to rank-free ops.
 */
export interface StaticInfo {
  rank?: number;
  length?: number;
}

function intsAttr(node: Node, name: string): number[] | undefined {
  const a = node.attributes[name];
  return a?.type === 'ints' ? a.value : undefined;
}

function intAttr(node: Node, name: string, fallback: number): number {
  const a = node.attributes[name];
  return a?.type === 'int' ? a.value : fallback;
}

const SAME_RANK = new Set([
  'Relu',
  'Sigmoid',
  'Tanh',
  'Erf',
  'Exp',
  'Log',
  'Sqrt',
  'Neg',
  'Abs',
  'Reciprocal',
  'Softmax',
  'LogSoftmax',
  'Cast',
  'CastLike',
  'Identity',
  'Dropout',
  'LayerNormalization',
  'Transpose',
  'Not',
  'Slice',
  'Split',
  'Trilu',
  'Gelu',
  'Floor',
  'Ceil',
  'Round',
  'Sign',
  'Clip',
  'IsNaN',
  'Concat',
  'ScatterElements',
  'ScatterND',
  'GatherElements',
  'Softplus',
  'LeakyRelu',
  'Elu',
  'Tan',
  'Sin',
  'Cos',
  'CumSum',
]);
const BROADCAST = new Set([
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
  'Where',
  'Equal',
  'Less',
  'Greater',
  'LessOrEqual',
  'GreaterOrEqual',
  'And',
  'Or',
  'Xor',
  'Max',
  'Min',
  'Sum',
  'Mean',
  'Mod',
  'BitShift',
]);

/** Propagates ranks through a graph in node order (ops outside the table leave their outputs unknown). */
export function inferRanks(graph: Graph): Map<string, StaticInfo> {
  const info = new Map<string, StaticInfo>();
  for (const v of graph.inputs)
    if (v.shape)
      info.set(v.name, {
        rank: v.shape.length,
        ...(v.shape.length === 1 && typeof v.shape[0] === 'number' ? { length: v.shape[0] } : {}),
      });
  for (const v of graph.valueInfo.values()) if (v.shape) info.set(v.name, { rank: v.shape.length });
  for (const t of graph.initializers.values())
    info.set(t.name, {
      rank: t.dims.length,
      ...(t.dims.length === 1 ? { length: t.dims[0] } : {}),
    });
  const rank = (name: string | undefined): number | undefined =>
    name === undefined || name === '' ? undefined : info.get(name)?.rank;
  const length = (name: string | undefined): number | undefined =>
    name === undefined || name === '' ? undefined : info.get(name)?.length;
  const producers = graph.producers();
  for (const node of graph.nodes) {
    const [a, b] = node.inputs;
    let out: StaticInfo | undefined;
    const op = node.opType;
    if (SAME_RANK.has(op)) {
      const r = rank(a);
      const l = length(a);
      out =
        r === undefined
          ? undefined
          : {
              rank: r,
              ...(r === 1 && l !== undefined && (op === 'Cast' || op === 'Identity')
                ? { length: l }
                : {}),
            };
      if (op === 'Concat' && r === 1) {
        let sum = 0;
        for (const i of node.inputs) {
          const li = length(i);
          if (li === undefined) {
            sum = NaN;
            break;
          }
          sum += li;
        }
        if (!Number.isNaN(sum)) out = { rank: 1, length: sum };
      }
    } else if (BROADCAST.has(op)) {
      const ranks = node.inputs.map(rank);
      out = ranks.every((r) => r !== undefined) ? { rank: Math.max(...ranks) } : undefined;
      // Elementwise ops on shape vectors (RoBERTa's Where over Shape outputs feeding Expand) keep their length.
      if (out?.rank === 1) {
        const lengths = node.inputs.map((i) => (rank(i) === 0 ? 1 : length(i)));
        if (lengths.every((l) => l !== undefined)) out = { rank: 1, length: Math.max(...lengths) };
      }
    } else {
      switch (op) {
        case 'Constant': {
          const v = node.attributes['value'];
          if (v?.type === 'tensor')
            out = {
              rank: v.value.dims.length,
              ...(v.value.dims.length === 1 ? { length: v.value.dims[0] } : {}),
            };
          else if (node.attributes['value_ints']?.type === 'ints')
            out = { rank: 1, length: node.attributes['value_ints'].value.length };
          else if (node.attributes['value_int'] || node.attributes['value_float'])
            out = { rank: 0 };
          break;
        }
        case 'MatMul': {
          const ra = rank(a);
          const rb = rank(b);
          if (ra !== undefined && rb !== undefined)
            out = { rank: ra === 1 || rb === 1 ? Math.max(ra, rb) - 1 : Math.max(ra, rb) };
          break;
        }
        case 'Gemm':
        case 'Flatten':
          out = { rank: 2 };
          break;
        case 'Shape': {
          const r = rank(a);
          if (r !== undefined) {
            const norm = (x: number) => Math.min(Math.max(x < 0 ? x + r : x, 0), r);
            out = {
              rank: 1,
              length: norm(intAttr(node, 'end', r)) - norm(intAttr(node, 'start', 0)),
            };
          } else out = { rank: 1 };
          break;
        }
        case 'Size':
          out = { rank: 0 };
          break;
        case 'Reshape':
        case 'ConstantOfShape':
        case 'Expand': {
          const l = length(op === 'Reshape' || op === 'Expand' ? b : a);
          if (op === 'Expand') {
            const ra = rank(a);
            if (l !== undefined && ra !== undefined) out = { rank: Math.max(l, ra) };
          } else if (l !== undefined) out = { rank: l };
          // ConstantOfShape(Shape(v)) for a vector v of known length L is a vector of length L.
          if (op === 'ConstantOfShape' && l === 1) {
            const shapeOf = producers.get(a ?? '');
            const v = shapeOf?.opType === 'Shape' ? shapeOf.inputs[0] : undefined;
            if (
              shapeOf?.attributes['start'] === undefined &&
              rank(v) === 1 &&
              length(v) !== undefined
            )
              out = { rank: 1, length: length(v) };
          }
          // A shape vector reshaped to 1-D keeps its length (RoBERTa's position-id shape arithmetic).
          if (op === 'Reshape' && l === 1 && rank(a) === 1 && length(a) !== undefined)
            out = { rank: 1, length: length(a) };
          break;
        }
        case 'Unsqueeze': {
          const r = rank(a);
          const n = length(b) ?? intsAttr(node, 'axes')?.length;
          if (r !== undefined && n !== undefined)
            out = { rank: r + n, ...(r === 0 && n === 1 ? { length: 1 } : {}) };
          break;
        }
        case 'Squeeze': {
          const r = rank(a);
          const n = length(b) ?? intsAttr(node, 'axes')?.length;
          if (r !== undefined && n !== undefined) out = { rank: r - n };
          break;
        }
        case 'Gather': {
          const ra = rank(a);
          const rb = rank(b);
          if (ra !== undefined && rb !== undefined)
            out = {
              rank: ra - 1 + rb,
              ...(ra === 1 && rb === 1 && length(b) !== undefined ? { length: length(b) } : {}),
            };
          break;
        }
        case 'SoftmaxCrossEntropyLoss': {
          const red = node.attributes['reduction'];
          const r = rank(a);
          if (red?.type === 'string' && red.value === 'none') {
            if (r !== undefined) out = { rank: r - 1 };
          } else out = { rank: 0 };
          if (out) info.set(node.outputs[0] ?? '', out);
          out = r === undefined ? undefined : { rank: r };
          if (out && node.outputs[1]) info.set(node.outputs[1], out);
          out = undefined;
          break;
        }
        case 'Range':
        case 'NonZero':
          out = op === 'Range' ? { rank: 1 } : { rank: 2 };
          break;
        case 'ReduceMean':
        case 'ReduceSum':
        case 'ReduceMax':
        case 'ReduceMin':
        case 'ReduceProd':
        case 'ReduceL2':
        case 'ArgMax':
        case 'ArgMin': {
          const r = rank(a);
          if (r === undefined) break;
          const keep = intAttr(node, 'keepdims', 1) === 1;
          if (keep) out = { rank: r };
          else if (op === 'ArgMax' || op === 'ArgMin') out = { rank: r - 1 };
          else {
            const axes = intsAttr(node, 'axes')?.length ?? length(b);
            if (axes !== undefined)
              out = {
                rank: axes === 0 && intAttr(node, 'noop_with_empty_axes', 0) === 0 ? 0 : r - axes,
              };
            else if (b === undefined || b === '') out = { rank: 0 };
          }
          break;
        }
        default:
          break;
      }
    }
    if (out) for (const o of node.outputs) if (o !== '') info.set(o, out);
  }
  return info;
}
