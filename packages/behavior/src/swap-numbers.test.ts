import { describe, expect, it } from 'vitest';
import { drawsRng, expectSeeded } from './perturbation.test-helper';
import { swapNumbers } from './swap-numbers';

describe('swapNumbers', () => {
  it('draws a nearby value other than the number', () => {
    // n = 10: d = max(2, round(10/5)) = 2, values 8, 9, 11, 12; draw 0 → 8, 0.5 → 11, 0.99 → 12
    expect(swapNumbers('I waited 10 minutes', drawsRng([0, 0]))).toBe('I waited 8 minutes');
    expect(swapNumbers('I waited 10 minutes', drawsRng([0, 0.5]))).toBe('I waited 11 minutes');
    expect(swapNumbers('I waited 10 minutes', drawsRng([0, 0.99]))).toBe('I waited 12 minutes');
  });

  it('widens with the number and stays non-negative', () => {
    // n = 100: d = 20, lowest 80; n = 0: values 1, 2
    expect(swapNumbers('100 pages', drawsRng([0, 0]))).toBe('80 pages');
    expect(swapNumbers('0 stars', drawsRng([0, 0]))).toBe('1 stars');
  });

  it('picks the number by the first draw', () => {
    // 50 is drawn: d = 10, lowest 40
    expect(swapNumbers('1 and 50', drawsRng([0.99, 0]))).toBe('1 and 40');
  });

  it('leaves decimals, digit groups and unsafe integers alone', () => {
    expect(swapNumbers('costs 3.5 or 1,000', drawsRng([]))).toBeNull();
    expect(swapNumbers('id 99999999999999999999', drawsRng([]))).toBeNull();
    expect(swapNumbers('no numbers', drawsRng([]))).toBeNull();
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(swapNumbers, 'I waited 10 minutes for 3 buses');
  });
});
