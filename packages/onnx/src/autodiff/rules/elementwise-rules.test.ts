import { describe, expect, it } from 'vitest';
import { checkGradients, intTensor, maxError } from '../gradient-check';
import type { OpCase } from '../gradient-check';
import { int, itMatchesFiniteDifferences, one, randomTensors } from './gradient-cases.test-helper';

const t = randomTensors(1);

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
];

describe('elementwise gradient rules', () => {
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

  itMatchesFiniteDifferences(cases);
});
