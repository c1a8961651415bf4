import { describe } from 'vitest';
import type { OpCase } from '../gradient-check';
import {
  float,
  int,
  itMatchesFiniteDifferences,
  one,
  randomTensors,
} from './gradient-cases.test-helper';

const t = randomTensors(1);

const cases: [string, OpCase][] = [
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
];

describe('softmax and layer-norm gradient rules', () => {
  itMatchesFiniteDifferences(cases);
});
