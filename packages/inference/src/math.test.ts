import { mulberry32 } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { logSumExp, shiftedExp, softmax } from './math';

describe('softmax', () => {
  it('equals exp(x) / Σ exp(x) on generated windows of small logits', () => {
    const next = mulberry32(5);
    for (let k = 0; k < 500; k++) {
      const values = Float32Array.from(
        { length: 1 + Math.floor(next() * 30) },
        () => (next() - 0.5) * 20,
      );
      const start = Math.floor(next() * values.length);
      const length = values.length - start;
      const exps = Array.from(values.subarray(start), Math.exp);
      const sum = exps.reduce((a, b) => a + b, 0);
      const p = softmax(values, start, length);
      exps.forEach((e, i) => expect(p[i]).toBeCloseTo(e / sum, 14));
    }
  });

  it('stays finite for logits whose exp overflows (max subtracted)', () => {
    const [a, b] = softmax([1000, 1000 + Math.log(3)]);
    // 1000 + log 3 rounds to the nearest double, so 1e-12 rather than exact.
    expect(a).toBeCloseTo(0.25, 12);
    expect(b).toBeCloseTo(0.75, 12);
  });
});

describe('shiftedExp', () => {
  it('gives exp(x − max), 1 at the largest value', () => {
    expect([...shiftedExp([0, 2, 1], 1, 2)]).toEqual([1, Math.exp(-1)]);
    expect([...shiftedExp([0, 2], 0, 2)]).toEqual([Math.exp(-2), 1]);
  });
});

describe('logSumExp', () => {
  it('equals log Σ exp(x), −Infinity for an empty window', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 10);
    expect(logSumExp([], 0, 0)).toBe(-Infinity);
  });
});
