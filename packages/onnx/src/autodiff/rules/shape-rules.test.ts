import { describe } from 'vitest';
import { intTensor } from '../gradient-check';
import type { OpCase } from '../gradient-check';
import {
  int,
  ints,
  itMatchesFiniteDifferences,
  one,
  randomTensors,
} from './gradient-cases.test-helper';

const t = randomTensors(1);

const cases: [string, OpCase][] = [
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
    'Expand',
    {
      nodes: one('Expand', ['a', 's']),
      params: [t('a', [3, 1])],
      constants: [intTensor('s', [3], [2, 3, 4])],
      yDims: [2, 3, 4],
    },
  ],
];

describe('shape gradient rules', () => {
  itMatchesFiniteDifferences(cases);
});
