import { describe, expect, it } from 'vitest';
import { formatFixed } from './python-format';

describe('formatFixed', () => {
  it("rounds exact binary ties half to even, as Python's format does", () => {
    // 0.125, 0.375, 2.5 and 0.5 are exact in binary, so they are true ties.
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(3.5, 0)).toBe('4');
    expect(formatFixed(0.25, 1)).toBe('0.2');
  });

  it('rounds values that only look like ties by their exact binary value', () => {
    // 0.15 is 0.1499999999999999944…, 2.675 is 2.67499999999999982236431605997495353221893310546875.
    expect(formatFixed(0.15, 1)).toBe('0.1');
    expect(formatFixed(2.675, 2)).toBe('2.67');
    // 1.45 is 1.44999999999999995559…, below the tie; 1.55 is 1.55000000000000004440…, above it.
    expect(formatFixed(1.45, 1)).toBe('1.4');
    expect(formatFixed(1.55, 1)).toBe('1.6');
  });

  it('writes nan, inf and the sign of -0', () => {
    expect(formatFixed(NaN, 1)).toBe('nan');
    expect(formatFixed(Infinity, 1)).toBe('inf');
    expect(formatFixed(-Infinity, 1)).toBe('-inf');
    expect(formatFixed(-0, 1)).toBe('-0.0');
    expect(formatFixed(-0.125, 2)).toBe('-0.12');
  });
});
