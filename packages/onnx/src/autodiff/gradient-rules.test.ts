import { describe, expect, it } from 'vitest';
import type { Attribute } from '../types';
import { checkGradients, intTensor, maxError, randomTensor, rng } from './gradient-check';
import type { OpCase } from './gradient-check';

const int = (value: number): Attribute => ({ type: 'int', value });
const ints = (value: number[]): Attribute => ({ type: 'ints', value });
const float = (value: number): Attribute => ({ type: 'float', value });
const r = rng(1);
const t = (name: string, dims: number[], range?: [number, number]) =>
  randomTensor(name, dims, r, range);
const one = (op: string, inputs: string[], attributes?: Record<string, Attribute>) => [
  { op, inputs, outputs: ['y'], attributes },
];

// Float64 central differences with h = 1e-6 are accurate to ~1e-9; 1e-6 leaves room and still fails on any
// wrong rule (a wrong sign, transpose or missing broadcast sum gives errors of order 1).
const TOL = 1e-6;

const cases: [string, OpCase][] = [
  [
    'Add with broadcast [2,3,4] + [4]',
    { nodes: one('Add', ['a', 'b']), params: [t('a', [2, 3, 4]), t('b', [4])], yDims: [2, 3, 4] },
  ],
  [
    'Add with two-sided broadcast [2,1,4] + [3,1]',
    {
      nodes: one('Add', ['a', 'b']),
      params: [t('a', [2, 1, 4]), t('b', [3, 1])],
      yDims: [2, 3, 4],
    },
  ],
  [
    'Sub with broadcast',
    { nodes: one('Sub', ['a', 'b']), params: [t('a', [3, 4]), t('b', [1, 4])], yDims: [3, 4] },
  ],
  [
    'Mul with broadcast',
    {
      nodes: one('Mul', ['a', 'b']),
      params: [t('a', [2, 3, 4]), t('b', [3, 1])],
      yDims: [2, 3, 4],
    },
  ],
  [
    'Div with broadcast',
    {
      nodes: one('Div', ['a', 'b']),
      params: [t('a', [2, 3]), t('b', [3], [0.5, 2])],
      yDims: [2, 3],
    },
  ],
  [
    'Pow with trainable base and exponent',
    {
      nodes: one('Pow', ['a', 'b']),
      params: [t('a', [2, 3], [0.5, 2]), t('b', [3], [0.5, 3])],
      yDims: [2, 3],
    },
  ],
  [
    'Pow with a constant exponent 3 (gelu_new)',
    {
      nodes: one('Pow', ['a', 'e']),
      params: [t('a', [2, 3])],
      constants: [{ name: 'e', type: 'float64', dims: [], data: Float64Array.from([3]) }],
      yDims: [2, 3],
    },
  ],
  ['Neg', { nodes: one('Neg', ['a']), params: [t('a', [2, 3])], yDims: [2, 3] }],
  ['Sqrt', { nodes: one('Sqrt', ['a']), params: [t('a', [2, 3], [0.5, 2])], yDims: [2, 3] }],
  ['Exp', { nodes: one('Exp', ['a']), params: [t('a', [2, 3])], yDims: [2, 3] }],
  ['Log', { nodes: one('Log', ['a']), params: [t('a', [2, 3], [0.5, 2])], yDims: [2, 3] }],
  [
    'Reciprocal',
    { nodes: one('Reciprocal', ['a']), params: [t('a', [2, 3], [0.5, 2])], yDims: [2, 3] },
  ],
  ['Tanh', { nodes: one('Tanh', ['a']), params: [t('a', [2, 3])], yDims: [2, 3] }],
  ['Relu', { nodes: one('Relu', ['a']), params: [t('a', [3, 4])], yDims: [3, 4] }],
  ['Sigmoid', { nodes: one('Sigmoid', ['a']), params: [t('a', [2, 3])], yDims: [2, 3] }],
  [
    'Softmax on the last axis',
    { nodes: one('Softmax', ['a']), params: [t('a', [2, 3, 4])], yDims: [2, 3, 4] },
  ],
  [
    'Softmax on axis 1',
    {
      nodes: one('Softmax', ['a'], { axis: int(1) }),
      params: [t('a', [2, 3, 4])],
      yDims: [2, 3, 4],
    },
  ],
  [
    'LogSoftmax',
    { nodes: one('LogSoftmax', ['a'], { axis: int(-1) }), params: [t('a', [3, 5])], yDims: [3, 5] },
  ],
  [
    'ReduceMean over axis 1 without keepdims',
    {
      nodes: one('ReduceMean', ['a'], { axes: ints([1]), keepdims: int(0) }),
      params: [t('a', [2, 3, 4])],
      yDims: [2, 4],
    },
  ],
  [
    'ReduceMean over all axes',
    {
      nodes: one('ReduceMean', ['a'], { keepdims: int(1) }),
      params: [t('a', [2, 3])],
      yDims: [1, 1],
    },
  ],
  [
    'ReduceSum with axes input [-1]',
    {
      nodes: one('ReduceSum', ['a', 'axes'], { keepdims: int(0) }),
      params: [t('a', [2, 3, 4])],
      constants: [intTensor('axes', [1], [-1])],
      yDims: [2, 3],
    },
  ],
  [
    'Reshape',
    {
      nodes: one('Reshape', ['a', 's']),
      params: [t('a', [2, 3, 4])],
      constants: [intTensor('s', [2], [6, -1])],
      yDims: [6, 4],
    },
  ],
  [
    'Transpose with perm',
    {
      nodes: one('Transpose', ['a'], { perm: ints([2, 0, 1]) }),
      params: [t('a', [2, 3, 4])],
      yDims: [4, 2, 3],
    },
  ],
  [
    'Transpose without perm',
    { nodes: one('Transpose', ['a']), params: [t('a', [2, 3, 4])], yDims: [4, 3, 2] },
  ],
  [
    'Unsqueeze',
    {
      nodes: one('Unsqueeze', ['a', 'ax']),
      params: [t('a', [2, 3])],
      constants: [intTensor('ax', [1], [1])],
      yDims: [2, 1, 3],
    },
  ],
  [
    'Squeeze',
    {
      nodes: one('Squeeze', ['a', 'ax']),
      params: [t('a', [2, 1, 3])],
      constants: [intTensor('ax', [1], [1])],
      yDims: [2, 3],
    },
  ],
  [
    'Flatten',
    { nodes: one('Flatten', ['a'], { axis: int(2) }), params: [t('a', [2, 3, 4])], yDims: [6, 4] },
  ],
  [
    'Concat on axis 1',
    {
      nodes: one('Concat', ['a', 'b', 'a'], { axis: int(1) }),
      params: [t('a', [2, 2, 3]), t('b', [2, 1, 3])],
      yDims: [2, 5, 3],
    },
  ],
  [
    'Concat on axis -1',
    {
      nodes: one('Concat', ['a', 'b'], { axis: int(-1) }),
      params: [t('a', [2, 2]), t('b', [2, 3])],
      yDims: [2, 5],
    },
  ],
  [
    'Split with one unused output',
    {
      nodes: [
        {
          op: 'Split',
          inputs: ['a', 'sp'],
          outputs: ['p', 'q', 'y'],
          attributes: { axis: int(1) },
        },
      ],
      params: [t('a', [2, 6])],
      constants: [intTensor('sp', [3], [1, 2, 3])],
      yDims: [2, 3],
    },
  ],
  [
    'Slice with negative ends (causal-LM shift)',
    {
      nodes: one('Slice', ['a', 'st', 'en', 'ax']),
      params: [t('a', [2, 4, 3])],
      constants: [intTensor('st', [1], [0]), intTensor('en', [1], [-1]), intTensor('ax', [1], [1])],
      yDims: [2, 3, 3],
    },
  ],
  [
    'Slice on two axes with clamped ends',
    {
      nodes: one('Slice', ['a', 'st', 'en', 'ax']),
      params: [t('a', [3, 5])],
      constants: [
        intTensor('st', [2], [1, -3]),
        intTensor('en', [2], [100, 4]),
        intTensor('ax', [2], [0, -1]),
      ],
      yDims: [2, 2],
    },
  ],
  [
    'Slice with step 2 (index-scatter path)',
    {
      nodes: one('Slice', ['a', 'st', 'en', 'ax', 'sp']),
      params: [t('a', [3, 6])],
      constants: [
        intTensor('st', [1], [1]),
        intTensor('en', [1], [6]),
        intTensor('ax', [1], [1]),
        intTensor('sp', [1], [2]),
      ],
      yDims: [3, 3],
    },
  ],
  [
    'Gather on axis 0 with repeated indices (embedding)',
    {
      nodes: one('Gather', ['a', 'i']),
      params: [t('a', [5, 3])],
      constants: [intTensor('i', [2, 3], [1, 4, 1, 0, 1, 4])],
      yDims: [2, 3, 3],
    },
  ],
  [
    'Gather on axis 1 with a scalar index (pooler)',
    {
      nodes: one('Gather', ['a', 'i'], { axis: int(1) }),
      params: [t('a', [2, 3, 4])],
      constants: [intTensor('i', [], [0])],
      yDims: [2, 4],
    },
  ],
  [
    'Gather on axis -1 with 2-D indices',
    {
      nodes: one('Gather', ['a', 'i'], { axis: int(-1) }),
      params: [t('a', [2, 4])],
      constants: [intTensor('i', [2, 2], [3, 0, 3, 1])],
      yDims: [2, 2, 2],
    },
  ],
  [
    'Gather on axis 1 with index -1 (last-token pooling)',
    {
      nodes: one('Gather', ['a', 'i'], { axis: int(1) }),
      params: [t('a', [2, 3, 4])],
      constants: [intTensor('i', [], [-1])],
      yDims: [2, 4],
    },
  ],
  [
    'GatherElements',
    {
      nodes: one('GatherElements', ['a', 'i'], { axis: int(1) }),
      params: [t('a', [2, 4])],
      constants: [intTensor('i', [2, 3], [3, 0, 3, 1, 1, 2])],
      yDims: [2, 3],
    },
  ],
  [
    'Where with broadcast',
    {
      nodes: [
        { op: 'Greater', inputs: ['c0', 'zero'], outputs: ['c'] },
        { op: 'Where', inputs: ['c', 'a', 'b'], outputs: ['y'] },
      ],
      params: [t('a', [2, 3]), t('b', [3])],
      constants: [
        t('c0', [2, 3]),
        { name: 'zero', type: 'float64', dims: [], data: new Float64Array(1) },
      ],
      yDims: [2, 3],
    },
  ],
  [
    'Cast to double',
    { nodes: one('Cast', ['a'], { to: int(11) }), params: [t('a', [2, 3])], yDims: [2, 3] },
  ],
  [
    'CastLike to double',
    {
      nodes: one('CastLike', ['a', 'like']),
      params: [t('a', [2, 3])],
      constants: [t('like', [1])],
      yDims: [2, 3],
    },
  ],
  [
    'Expand',
    {
      nodes: one('Expand', ['a', 's']),
      params: [t('a', [3, 1])],
      constants: [intTensor('s', [3], [2, 3, 4])],
      yDims: [2, 3, 4],
    },
  ],
  [
    'LayerNormalization',
    {
      nodes: one('LayerNormalization', ['a', 'g', 'b'], { epsilon: float(1e-5) }),
      params: [t('a', [2, 3, 5]), t('g', [5]), t('b', [5])],
      yDims: [2, 3, 5],
    },
  ],
  [
    'LayerNormalization over two axes',
    {
      nodes: one('LayerNormalization', ['a', 'g', 'b'], { axis: int(1) }),
      params: [t('a', [2, 3, 4]), t('g', [3, 4]), t('b', [4])],
      yDims: [2, 3, 4],
    },
  ],
  [
    'Dropout in inference mode (training_mode false)',
    {
      nodes: one('Dropout', ['a', 'ratio', 'tm']),
      params: [t('a', [2, 3])],
      constants: [
        { name: 'ratio', type: 'float64', dims: [], data: Float64Array.from([0.1]) },
        { name: 'tm', type: 'bool', dims: [], data: Uint8Array.from([0]) },
      ],
      yDims: [2, 3],
    },
  ],
  [
    'Dropout in training mode (seeded mask, fixed seed)',
    {
      nodes: one('Dropout', ['a', 'ratio']),
      params: [t('a', [4, 5])],
      constants: [{ name: 'ratio', type: 'float64', dims: [], data: Float64Array.from([0.4]) }],
      yDims: [4, 5],
    },
  ],
  ['Identity', { nodes: one('Identity', ['a']), params: [t('a', [2, 3])], yDims: [2, 3] }],
  [
    'Constant operand',
    {
      nodes: [
        {
          op: 'Constant',
          inputs: [],
          outputs: ['k'],
          attributes: {
            value: {
              type: 'tensor',
              value: {
                name: '',
                type: 'float64',
                dims: [3],
                data: Float64Array.from([1, -2, 0.5]),
              },
            },
          },
        },
        { op: 'Mul', inputs: ['a', 'k'], outputs: ['y'] },
      ],
      params: [t('a', [2, 3])],
      yDims: [2, 3],
    },
  ],
  [
    'SoftmaxCrossEntropyLoss, reduction none',
    {
      nodes: [
        {
          op: 'SoftmaxCrossEntropyLoss',
          inputs: ['a', 'lab'],
          outputs: ['y'],
          attributes: { reduction: { type: 'string', value: 'none' } },
        },
      ],
      params: [t('a', [4, 3])],
      constants: [intTensor('lab', [4], [2, 0, 1, 2])],
      yDims: [4],
    },
  ],
  [
    'SoftmaxCrossEntropyLoss, reduction sum, ignore_index',
    {
      nodes: [
        {
          op: 'SoftmaxCrossEntropyLoss',
          inputs: ['a', 'lab'],
          outputs: ['y'],
          attributes: { reduction: { type: 'string', value: 'sum' }, ignore_index: int(-1) },
        },
      ],
      params: [t('a', [4, 3])],
      constants: [intTensor('lab', [4], [2, -1, 1, 0])],
      yDims: [],
    },
  ],
  [
    'Mul broadcast where ranks are unknown (runtime broadcast axes)',
    {
      nodes: [
        { op: 'Tile', inputs: ['a', 'reps'], outputs: ['tiled'] },
        { op: 'Mul', inputs: ['tiled', 'b'], outputs: ['y'] },
      ],
      params: [t('b', [1, 3])],
      constants: [t('a', [2, 3]), intTensor('reps', [2], [1, 1])],
      yDims: [2, 3],
    },
  ],
  [
    'Sum of three',
    { nodes: one('Sum', ['a', 'b', 'a']), params: [t('a', [2, 3]), t('b', [3])], yDims: [2, 3] },
  ],
  [
    'MatMul 2-D',
    { nodes: one('MatMul', ['a', 'b']), params: [t('a', [3, 4]), t('b', [4, 2])], yDims: [3, 2] },
  ],
  [
    'MatMul 3-D by a 2-D weight',
    {
      nodes: one('MatMul', ['a', 'b']),
      params: [t('a', [2, 3, 4]), t('b', [4, 5])],
      yDims: [2, 3, 5],
    },
  ],
  [
    'MatMul 4-D batched (attention)',
    {
      nodes: one('MatMul', ['a', 'b']),
      params: [t('a', [2, 2, 3, 4]), t('b', [2, 2, 4, 3])],
      yDims: [2, 2, 3, 3],
    },
  ],
  [
    'MatMul with broadcast batch dims',
    {
      nodes: one('MatMul', ['a', 'b']),
      params: [t('a', [2, 1, 3, 4]), t('b', [3, 4, 2])],
      yDims: [2, 3, 3, 2],
    },
  ],
  ...(
    [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ] as const
  ).map(([ta, tb]): [string, OpCase] => [
    `Gemm transA=${ta} transB=${tb} with alpha, beta and a broadcast bias`,
    {
      nodes: one('Gemm', ['a', 'b', 'c'], {
        transA: int(ta),
        transB: int(tb),
        alpha: float(0.7),
        beta: float(1.3),
      }),
      params: [t('a', ta ? [4, 3] : [3, 4]), t('b', tb ? [2, 4] : [4, 2]), t('c', [2])],
      yDims: [3, 2],
    },
  ]),
];

describe('gradient rules', () => {
  it('Erf matches central finite differences (float32: onnxruntime has no float64 Erf kernel)', async () => {
    const a = t('a', [2, 3]);
    const c: OpCase = {
      nodes: one('Erf', ['a']),
      params: [{ ...a, type: 'float32', data: Float32Array.from(a.data as Float64Array) }],
      yDims: [2, 3],
      type: 'float32',
    };
    // float32 central differences with h = 1e-2: truncation ~h² and rounding ~1e-7/h, both below 1e-3.
    expect(maxError(await checkGradients(c, 1e-2))).toBeLessThan(2e-3);
  });

  it.each(cases)('%s matches central finite differences (float64)', async (_, c) => {
    const results = await checkGradients(c);
    for (const res of results) expect(res.analytic.length).toBe(res.numeric.length);
    expect(maxError(results)).toBeLessThan(TOL);
  });
});
