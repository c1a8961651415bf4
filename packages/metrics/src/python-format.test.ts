import { describe, expect, it } from 'vitest';
import { compareCodePoints, padStartCodePoints, pyFloatRepr, pyFormatFixed } from './python-format';

describe('pyFloatRepr', () => {
  // Python 3: repr(x) for each x.
  it.each([
    [8, '8.0'],
    [56.054, '56.054'],
    [30.010000000000005, '30.010000000000005'],
    [1e16, '1e+16'],
    [1234567890123456.0, '1234567890123456.0'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [-2.5, '-2.5'],
    [1e300, '1e+300'],
    [NaN, 'nan'],
    [Infinity, 'inf'],
  ])('repr(%s) is %s', (x, text) => {
    expect(pyFloatRepr(x)).toBe(text);
  });
});

describe('pyFormatFixed', () => {
  // Python 3: format(x, '.{d}f'); exact binary ties go to even, the rest round correctly.
  it.each([
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [0.625, 2, '0.62'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [0.675, 2, '0.68'],
    [1.005, 2, '1.00'],
    [0.8131868131868132, 4, '0.8132'],
    [1, 3, '1.000'],
  ])('format(%s, ".%sf") is %s', (x, d, text) => {
    expect(pyFormatFixed(x, d)).toBe(text);
  });

  // Python 3.11 (Debian's /usr/bin/python3): format(x, '.{d}f') for each row.
  it.each([
    [-0, 2, '-0.00'],
    [-0, 0, '-0'],
    [1e21, 2, '1000000000000000000000.00'],
    [1.5e22, 1, '15000000000000000000000.0'],
    [0.5, 0, '0'],
    [1.5, 0, '2'],
    [-2.5, 0, '-2'],
    [5e-324, 3, '0.000'],
    [123456789.125, 2, '123456789.12'],
    [-0.0004, 3, '-0.000'],
    [0.045, 2, '0.04'],
  ])('format(%s, ".%sf") is %s: the sign of zero, magnitudes from 1e21, ties', (x, d, text) => {
    expect(pyFormatFixed(x, d)).toBe(text);
  });

  it("rounds exact binary ties half to even, as Python's format does", () => {
    // 0.125, 0.375, 2.5 and 0.5 are exact in binary, so they are true ties.
    expect(pyFormatFixed(0.125, 2)).toBe('0.12');
    expect(pyFormatFixed(0.375, 2)).toBe('0.38');
    expect(pyFormatFixed(2.5, 0)).toBe('2');
    expect(pyFormatFixed(3.5, 0)).toBe('4');
    expect(pyFormatFixed(0.25, 1)).toBe('0.2');
  });

  it('rounds values that only look like ties by their exact binary value', () => {
    // 0.15 is 0.1499999999999999944…, 2.675 is 2.67499999999999982236431605997495353221893310546875.
    expect(pyFormatFixed(0.15, 1)).toBe('0.1');
    expect(pyFormatFixed(2.675, 2)).toBe('2.67');
    // 1.45 is 1.44999999999999995559…, below the tie; 1.55 is 1.55000000000000004440…, above it.
    expect(pyFormatFixed(1.45, 1)).toBe('1.4');
    expect(pyFormatFixed(1.55, 1)).toBe('1.6');
  });

  it('writes nan, inf and the sign of -0', () => {
    expect(pyFormatFixed(NaN, 1)).toBe('nan');
    expect(pyFormatFixed(Infinity, 1)).toBe('inf');
    expect(pyFormatFixed(-Infinity, 1)).toBe('-inf');
    expect(pyFormatFixed(-0, 1)).toBe('-0.0');
    expect(pyFormatFixed(-0.125, 2)).toBe('-0.12');
  });

  it('rejects digits outside [0, 100] or not an integer', () => {
    for (const digits of [-1, 101, 1.5, NaN])
      expect(() => pyFormatFixed(1, digits)).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION' }),
      );
  });
});

describe('code point helpers', () => {
  it('pads by code points, as Python counts an emoji as 1', () => {
    expect(padStartCodePoints('😀', 3)).toBe('  😀');
  });
  it('orders strings by code point: U+FF57 sorts before U+1F600 (JavaScript < says otherwise)', () => {
    expect(['😀', 'ｗ', 'ok'].sort(compareCodePoints)).toEqual(['ok', 'ｗ', '😀']);
    expect('😀' < 'ｗ').toBe(true);
  });
});
