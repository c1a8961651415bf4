import { describe } from 'vitest';
import { intTensor } from '../gradient-check';
import type { OpCase } from '../gradient-check';
import { int, itMatchesFiniteDifferences, randomTensors } from './gradient-cases.test-helper';

const t = randomTensors(1);

const cases: [string, OpCase][] = [
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
];

describe('loss gradient rules', () => {
  itMatchesFiniteDifferences(cases);
});
