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
];

describe('reduction gradient rules', () => {
  itMatchesFiniteDifferences(cases);
});
