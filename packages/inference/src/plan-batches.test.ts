import { describe, expect, it } from 'vitest';
import { checkBatchBytes, mapInBatches, planBatches } from './plan-batches';

describe('planBatches', () => {
  it('sorts by length (longest first, ties in input order) and cuts at batchSize', () => {
    expect(planBatches([3, 10, 4, 9, 4], { batchSize: 2 })).toEqual([[1, 3], [2, 4], [0]]);
  });

  it('keeps batch × longest under the token budget', () => {
    const lengths = [10, 10, 6, 6, 6, 2];
    const batches = planBatches(lengths, { batchSize: 100, maxTokens: 20 });
    expect(batches).toEqual([[0, 1], [2, 3, 4], [5]]);
    for (const b of batches)
      expect(b.length * Math.max(...b.map((i) => lengths[i]!))).toBeLessThanOrEqual(20);
  });

  it('covers every index once (property over random lengths)', () => {
    for (let t = 0; t < 50; t++) {
      const lengths = Array.from(
        { length: 1 + (t % 17) },
        (_, i) => 1 + ((i * 7919 + t * 31) % 40),
      );
      const flat = planBatches(lengths, { batchSize: 1 + (t % 5), maxTokens: 200 }).flat();
      expect([...flat].sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
    }
  });

  it('throws BATCH_TOO_LARGE for one sequence over the budget and INVALID_OPTION for a zero batch', () => {
    expect(() => planBatches([5, 50], { maxTokens: 40 })).toThrow(
      expect.objectContaining({
        code: 'BATCH_TOO_LARGE',
        message: expect.stringContaining('input 1 is 50 tokens'),
      }),
    );
    expect(() => planBatches([5], { batchSize: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('mapInBatches', () => {
  it('returns results in input order', async () => {
    const lengths = [1, 5, 3, 4];
    const seen: number[][] = [];
    const out = await mapInBatches(lengths, { batchSize: 2 }, (idx) => {
      seen.push([...idx]);
      return Promise.resolve(idx.map((i) => `r${i}`));
    });
    expect(out).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(seen).toEqual([
      [1, 3],
      [2, 0],
    ]);
  });
});

describe('checkBatchBytes', () => {
  it('explains an oversized output with its shape and bytes', () => {
    const outputs = [
      { name: 'logits', type: 'float32', shape: ['batch_size', 'sequence_length', 50257] },
    ];
    expect(() => checkBatchBytes(outputs, 32, 128, 512 * 2 ** 20, 'T')).toThrow(
      expect.objectContaining({
        code: 'BATCH_TOO_LARGE',
        message:
          'T: a batch of 32 sequences × 128 tokens would make output logits [32, 128, 50257] float32 = 785.3 MiB, above maxBatchBytes 512.0 MiB; lower batchSize or set maxTokens (or raise maxBatchBytes)',
      }),
    );
    expect(() => checkBatchBytes(outputs, 1, 128, 512 * 2 ** 20, 'T')).not.toThrow();
  });
});
