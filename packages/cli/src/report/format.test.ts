import { describe, expect, it } from 'vitest';
import { dateTime, duration, fixed, integer, meanStd, range } from './format';

describe('format', () => {
  it('formats fixed decimals and missing values', () => {
    expect(fixed(0.91234)).toBe('0.912');
    expect(fixed(NaN)).toBe('—');
  });

  it('writes mean ± std, or the mean alone for one seed', () => {
    expect(meanStd(0.9126, 0.0131)).toBe('0.913 ± 0.013');
    expect(meanStd(0.9, NaN)).toBe('0.900');
  });

  it('writes a range with an en dash', () => {
    expect(range(0.88, 0.94)).toBe('0.880–0.940');
  });

  it('groups thousands', () => {
    expect(integer(1234567)).toBe('1,234,567');
  });

  it('writes durations in s, min or h', () => {
    expect(duration(42)).toBe('42.0 s');
    expect(duration(187)).toBe('3 min 07 s');
    expect(duration(3720)).toBe('1 h 02 min');
  });

  it('writes ISO times in UTC and leaves other strings alone', () => {
    expect(dateTime('2025-03-01T14:05:59.000Z')).toBe('2025-03-01 14:05 UTC');
    expect(dateTime('yesterday')).toBe('yesterday');
  });
});
