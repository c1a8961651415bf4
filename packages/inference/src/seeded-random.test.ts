import { mulberry32 } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it("gives test-utils' mulberry32 sequence for generated seeds (negative and above 2³² too)", () => {
    const next = mulberry32(17);
    for (let k = 0; k < 200; k++) {
      const seed = Math.floor((next() - 0.5) * 2 ** 40);
      const ours = seededRandom(seed);
      const reference = mulberry32(seed);
      for (let i = 0; i < 20; i++) expect(ours()).toBe(reference());
    }
  });
});
