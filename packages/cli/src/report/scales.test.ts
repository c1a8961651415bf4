import { describe, expect, it } from 'vitest';
import { linearScale, logScale, logTicks, niceTicks, tickStep } from './scales';

describe('tickStep', () => {
  it('picks 1, 2 or 5 times a power of ten', () => {
    // 10 / 5 = 2 exactly; 0.68 / 5 = 0.136 → 0.1 (1.36 < √2); 70 / 5 = 14 → 10 (1.4 < √2);
    // 73 / 5 = 14.6 → 20 (1.46 ≥ √2).
    expect(tickStep(0, 10, 5)).toBe(2);
    expect(tickStep(0.23, 0.91, 5)).toBeCloseTo(0.1, 12);
    expect(tickStep(0, 70, 5)).toBe(10);
    expect(tickStep(0, 73, 5)).toBe(20);
    // 3.3 / 5 = 0.66: 6.6 ≥ √10 (3.16) and < √50 (7.07), so 5 × 0.1.
    expect(tickStep(0, 3.3, 5)).toBeCloseTo(0.5, 12);
  });
});

describe('niceTicks', () => {
  it('gives 0, 2, …, 10 for [0, 10]', () => {
    const t = niceTicks(0, 10, 5);
    expect(t.ticks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(t.domain).toEqual([0, 10]);
    expect(t.labels).toEqual(['0', '2', '4', '6', '8', '10']);
  });

  it('rounds the domain out to whole steps without float noise', () => {
    const t = niceTicks(0.23, 0.91, 5);
    expect(t.domain).toEqual([0.2, 1]);
    expect(t.ticks).toEqual([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(t.labels[1]).toBe('0.3');
  });

  it('does not add a tick below data that sits on a step', () => {
    expect(niceTicks(0.3, 0.9, 6).ticks[0]).toBe(0.3);
  });

  it('labels with the decimals the step needs', () => {
    // [0.8, 0.95] / 5 = 0.03 → step 0.02 (3 / 1 ≥ √2 and < √10 → 2 × 0.01), two decimals.
    const t = niceTicks(0.8, 0.95, 5);
    expect(t.labels).toContain('0.80');
    expect(t.labels).toContain('0.94');
  });

  it('widens a zero-width extent', () => {
    expect(niceTicks(5, 5).domain[0]).toBeLessThan(5);
    expect(niceTicks(5, 5).domain[1]).toBeGreaterThan(5);
  });
});

describe('logTicks', () => {
  it('uses powers of ten over several decades', () => {
    const t = logTicks(0.01, 100);
    expect(t.ticks).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(t.labels).toEqual(['0.01', '0.1', '1', '10', '100']);
  });

  it('uses 1-2-5 when powers of ten give fewer than three ticks', () => {
    // log10 extent [-0.301, 1.477], padded by 0.089 → domain ≈ [0.41, 36.7]: powers give 1 and 10 only.
    // 50 is 0.134 decades above 36.7, within the reach of 10% of 1.956 decades, so the axis ends at 50;
    // 0.2 is 0.31 decades below 0.41, too far.
    const t = logTicks(0.5, 30);
    expect(t.ticks).toEqual([0.5, 1, 2, 5, 10, 20, 50]);
    expect(t.domain[1]).toBe(50);
  });

  it('uses every integer multiple within one decade (a loss curve from 10.4 to 3)', () => {
    // Domain ≈ [2.82, 11.06]: powers give 10 only, 1-2-5 give 5 and 10, so 3…9 and 10.
    expect(logTicks(3, 10.4).ticks).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reaches out to a tick just past the padded end (a loss curve from 9.02 to 4.18)', () => {
    // Padded domain ≈ [4.022, 9.374]; reach = 10% of 0.367 decades = 0.0367. 4 is 0.0024 decades below
    // (taken), 10 is 0.0281 above (taken).
    const t = logTicks(4.18, 9.02);
    expect(t.ticks).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(t.domain).toEqual([4, 10]);
  });

  it('pads the domain by 5% of the log width each side', () => {
    const { domain } = logTicks(1, 100);
    expect(Math.log10(domain[0])).toBeCloseTo(-0.1, 10);
    expect(Math.log10(domain[1])).toBeCloseTo(2.1, 10);
  });
});

describe('scales', () => {
  it('maps the domain ends onto the range ends and midpoints linearly', () => {
    const s = linearScale([0, 10], [50, 250]);
    expect(s(0)).toBe(50);
    expect(s(10)).toBe(250);
    expect(s(2.5)).toBe(100);
  });

  it('maps a reversed (pixel-down) range', () => {
    const s = linearScale([0, 1], [300, 100]);
    expect(s(0.25)).toBe(250);
  });

  it('maps the geometric mean to the middle on a log scale', () => {
    const s = logScale([1, 100], [0, 200]);
    expect(s(10)).toBeCloseTo(100, 10);
    expect(s(1)).toBeCloseTo(0, 10);
  });
});
