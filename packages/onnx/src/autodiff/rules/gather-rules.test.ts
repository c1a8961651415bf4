import { describe } from 'vitest';
import { intTensor } from '../gradient-check';
import type { OpCase } from '../gradient-check';
import { int, itMatchesFiniteDifferences, one, randomTensors } from './gradient-cases.test-helper';

const t = randomTensors(1);

const cases: [string, OpCase][] = [
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
];

describe('gather gradient rules', () => {
  itMatchesFiniteDifferences(cases);
});
