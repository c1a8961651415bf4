import { describe, expect, it } from 'vitest';
import { checkSamplingOptions, pickToken, processLogits } from './logits-processors';
import { seededRandom } from './seeded-random';

describe('processLogits', () => {
  it('repetition penalty divides positive and multiplies negative logits of seen tokens (HF)', () => {
    expect([...processLogits([2, -2, 1], [0, 1, 1], { repetitionPenalty: 2 })]).toEqual([1, -4, 1]);
  });

  it('temperature divides the logits', () => {
    expect([...processLogits([2, 4], [], { doSample: true, temperature: 2 })]).toEqual([1, 2]);
  });

  it('top-k keeps the k largest', () => {
    expect([...processLogits([1, 3, 2, 0], [], { doSample: true, topK: 2 })]).toEqual([
      -Infinity,
      3,
      2,
      -Infinity,
    ]);
  });

  it('top-p keeps the smallest most-likely set reaching p', () => {
    // probabilities 0.5, 0.3, 0.2 (logs): p = 0.75 keeps the first two (0.5 < 0.75, then 0.8 ≥ 0.75)
    const logits = [Math.log(0.2), Math.log(0.5), Math.log(0.3)];
    const out = processLogits(logits, [], { doSample: true, topP: 0.75 });
    expect(out[0]).toBe(-Infinity);
    expect(out[1]).toBeCloseTo(Math.log(0.5), 12);
    expect(out[2]).toBeCloseTo(Math.log(0.3), 12);
    expect(
      processLogits(logits, [], { doSample: true, topP: 0.4 }).filter((x) => x > -Infinity),
    ).toHaveLength(1);
  });
});

describe('pickToken', () => {
  it('greedy takes the argmax', () => {
    expect(pickToken(Float64Array.from([0, 5, 1]), false, () => 0.5)).toBe(1);
  });

  it('sampling follows the softmax: frequencies within 3 sigma over 20000 seeded draws', () => {
    const rng = seededRandom(123);
    const p = [0.1, 0.6, 0.3];
    const counts = [0, 0, 0];
    const n = 20000;
    for (let i = 0; i < n; i++) counts[pickToken(Float64Array.from(p, Math.log), true, rng)]!++;
    counts.forEach((c, k) =>
      expect(Math.abs(c / n - p[k]!)).toBeLessThan(3 * Math.sqrt((p[k]! * (1 - p[k]!)) / n)),
    );
  });
});

describe('checkSamplingOptions', () => {
  it.each([{ temperature: 0 }, { topK: -1 }, { topP: 1.5 }, { repetitionPenalty: 0 }])(
    'rejects %j with INVALID_OPTION',
    (o) => {
      expect(() => checkSamplingOptions(o, 't')).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTION',
          message: expect.stringContaining(Object.keys(o)[0]!),
        }),
      );
    },
  );
});
