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

describe('matmul and gemm gradient rules', () => {
  itMatchesFiniteDifferences(cases);
});
