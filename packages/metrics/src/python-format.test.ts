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
