import { describe, expect, it } from 'vitest';
import { readScheduleReference } from './reference.test-helper';
import { slantedTriangularSchedule } from './slanted-triangular-schedule';

const ref = readScheduleReference().data.filter((c) => c.name === 'slanted_triangular');

describe('slantedTriangularSchedule', () => {
  it('matches AllenNLP at T = 25, cutFrac 0.1 (T·cutFrac = 2.5): 0.0009579 at t = 3 with lr 1e-3', () => {
    const f = slantedTriangularSchedule({ totalSteps: 25, cutFrac: 0.1, ratio: 32 });
    // cut = 2; prop = 1 − 1/23; (1 + prop·31)/32 = 705/736. Eq. 3 as written gave 0.0009462.
    expect(1e-3 * f(3)).toBeCloseTo(0.0009578804347826, 13);
    expect(f(3)).toBeCloseTo(705 / 736, 12);
    const c = ref.find((r) => r.options.totalSteps === 25)!;
    expect(0.01 * f(3)).toBeCloseTo(c.lr[3]!, 12);
  });

  it('stays positive at the end of T = 25 (was −0.184 at t = 24)', () => {
    const f = slantedTriangularSchedule({ totalSteps: 25, cutFrac: 0.1, ratio: 32 });
    // prop = 1 − 22/23; (1 + 31/23)/32
    expect(f(24)).toBeCloseTo((1 + 31 / 23) / 32, 12);
    expect(f(24)).toBeGreaterThanOrEqual(1 / 32);
  });

  it('ends T = 99, cutFrac 0.25, ratio 10 above 1/ratio (was 0.075 at t = 98)', () => {
    const f = slantedTriangularSchedule({ totalSteps: 99, cutFrac: 0.25, ratio: 10 });
    // cut = 24; prop = 1 − 74/75; (1 + prop·9)/10 = 0.112
    expect(f(98)).toBeCloseTo(0.112, 12);
  });

  it('keeps 1/ratio from step T on, as AllenNLP clamps the step', () => {
    const f = slantedTriangularSchedule({ totalSteps: 30, cutFrac: 0.3, ratio: 8 });
    for (const step of [30, 31, 100]) expect(f(step)).toBeCloseTo(1 / 8, 15);
  });

  it('stays in [1/ratio, 1] for every step of many (T, cutFrac, ratio), T·cutFrac integer or not', () => {
    // plain comparisons in the loop (expect per value is slow); the offenders are reported together
    const outside: string[] = [];
    let checked = 0;
    for (let t = 1; t <= 160; t++) {
      for (const cutFrac of [0.01, 0.05, 0.1, 0.13, 0.25, 1 / 3, 0.5, 0.77, 0.9, 0.99]) {
        if (Math.floor(t * cutFrac) < 1) continue;
        for (const ratio of [1, 2, 7.5, 10, 32, 100]) {
          const f = slantedTriangularSchedule({ totalSteps: t, cutFrac, ratio });
          let peak = 0;
          for (let step = 0; step < t; step++) {
            const v = f(step);
            if (!(v >= 1 / ratio - 1e-15 && v <= 1 + 1e-15))
              outside.push(`T=${t} cf=${cutFrac} r=${ratio} t=${step}: ${v}`);
            peak = Math.max(peak, v);
            checked++;
          }
          // the peak 1 is reached at step cut (< T)
          if (Math.abs(peak - 1) > 1e-12)
            outside.push(`T=${t} cf=${cutFrac} r=${ratio}: peak ${peak}`);
        }
      }
    }
    expect(outside).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });

  it('rejects T·cutFrac < 1, cutFrac outside (0, 1) and ratio < 1 with INVALID_OPTION', () => {
    for (const o of [
      { totalSteps: 5, cutFrac: 0.1 },
      { totalSteps: 1 },
      { totalSteps: 10, cutFrac: 0 },
      { totalSteps: 10, cutFrac: 1 },
      { totalSteps: 10, ratio: 0.5 },
      { totalSteps: 0 },
    ]) {
      expect(() => slantedTriangularSchedule(o)).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION' }),
      );
    }
  });
});
