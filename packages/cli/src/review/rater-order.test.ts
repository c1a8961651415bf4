import { describe, expect, it } from 'vitest';
import { raterOrder, raterSeed } from './rater-order';

const twenty = Array.from({ length: 20 }, (_, i) => i);

describe('raterOrder', () => {
  it('is a permutation of the items, the same for the same name every time', () => {
    const order = raterOrder(twenty, 'ann');
    expect([...order].sort((a, b) => a - b)).toEqual(twenty);
    expect(order).not.toEqual(twenty);
    expect(raterOrder(twenty, 'ann')).toEqual(order);
  });

  it('differs between raters', () => {
    expect(raterOrder(twenty, 'bob')).not.toEqual(raterOrder(twenty, 'ann'));
  });

  it('seeds with the first 48 bits of SHA-256 of the name', () => {
    // sha256('ann') = 49915e0d7d4b402e…: the first six bytes 49 91 5e 0d 7d 4b read big-endian.
    expect(raterSeed('ann')).toBe(0x49915e0d7d4b);
  });
});
