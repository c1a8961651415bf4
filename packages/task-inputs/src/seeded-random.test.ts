import { mulberry32 } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';

describe('seededRandom', () => {
  it("gives test-utils' mulberry32 sequence for generated seeds (negative, fractional, above 2³²)", () => {
    const next = mulberry32(29);
    for (let k = 0; k < 200; k++) {
      const seed = (next() - 0.5) * 2 ** 40;
      const ours = seededRandom(seed);
      const reference = mulberry32(seed);
      for (let i = 0; i < 20; i++) expect(ours()).toBe(reference());
    }
  });
});
