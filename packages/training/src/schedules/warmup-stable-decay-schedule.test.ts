import { describe, expect, it } from 'vitest';
import { readScheduleReference } from './reference.test-helper';
import type { WsdDecayType, WsdWarmupType } from './warmup-stable-decay-schedule';
import { warmupStableDecaySchedule } from './warmup-stable-decay-schedule';

const ref = readScheduleReference().data.filter((c) => c.name === 'warmup_stable_decay');

describe('warmupStableDecaySchedule', () => {
  it('starts the warm-up at minLrRatio like HF get_wsd_schedule: 1e-4 at t = 0 (was 0)', () => {
    const f = warmupStableDecaySchedule({
      warmupSteps: 5,
      stableSteps: 10,
      decaySteps: 15,
      minLrRatio: 0.1,
    });
    expect(1e-3 * f(0)).toBeCloseTo(1e-4, 15);
    // linear from 0.1 to 1 over 5 steps: 0.1 + 0.9·t/5
    expect(f(1)).toBeCloseTo(0.28, 15);
    const c = ref.find((r) => r.options.minLrRatio === 0.1 && r.options.warmupSteps === 5)!;
    expect(c.lr[0]).toBeCloseTo(1e-4, 15);
  });

  it('runs every warm-up and decay type from minLrRatio to 1 and back', () => {
    const types: WsdWarmupType[] = ['linear', 'cosine', '1-sqrt'];
    for (const warmupType of types) {
      for (const decayType of types as WsdDecayType[]) {
        const f = warmupStableDecaySchedule({
          warmupSteps: 8,
          stableSteps: 2,
          decaySteps: 8,
          minLrRatio: 0.25,
          warmupType,
          decayType,
        });
        expect(f(0)).toBeCloseTo(0.25, 15);
        expect(f(8)).toBe(1);
        expect(f(9)).toBe(1);
        expect(f(10)).toBeCloseTo(1, 15);
        expect(f(18)).toBe(0.25);
        for (let s = 0; s < 30; s++) {
          expect(f(s)).toBeGreaterThanOrEqual(0.25 - 1e-15);
          expect(f(s)).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('keeps minLrRatio for every step after the decay, as HF', () => {
    const f = warmupStableDecaySchedule({
      warmupSteps: 2,
      stableSteps: 3,
      decaySteps: 4,
      minLrRatio: 0.05,
    });
    for (const s of [9, 10, 1000]) expect(f(s)).toBe(0.05);
  });

  it('derives stableSteps from totalSteps (HF num_training_steps) and prefers stableSteps when both are set', () => {
    const a = warmupStableDecaySchedule({ warmupSteps: 4, totalSteps: 30, decaySteps: 10 });
    const b = warmupStableDecaySchedule({ warmupSteps: 4, stableSteps: 16, decaySteps: 10 });
    const c = warmupStableDecaySchedule({
      warmupSteps: 4,
      stableSteps: 1,
      totalSteps: 30,
      decaySteps: 10,
    });
    for (let s = 0; s < 35; s++) expect(a(s)).toBe(b(s));
    expect(c(6)).not.toBe(1);
  });

  it('handles warm-up 0, N = 1 and empty phases', () => {
    expect(warmupStableDecaySchedule({ stableSteps: 0, decaySteps: 1, minLrRatio: 0.3 })(0)).toBe(
      1,
    );
    expect(warmupStableDecaySchedule({ stableSteps: 0, decaySteps: 1, minLrRatio: 0.3 })(1)).toBe(
      0.3,
    );
    expect(warmupStableDecaySchedule({ warmupSteps: 1, stableSteps: 0, decaySteps: 0 })(0)).toBe(0);
    expect(warmupStableDecaySchedule({ stableSteps: 0, decaySteps: 0 })(0)).toBe(0);
  });

  it('rejects bad options with INVALID_OPTION, listing the known types', () => {
    const bad = expect.objectContaining({ code: 'INVALID_OPTION' });
    expect(() => warmupStableDecaySchedule({ decaySteps: 3 })).toThrow(
      /needs stableSteps or totalSteps/,
    );
    expect(() =>
      warmupStableDecaySchedule({ warmupSteps: 5, decaySteps: 6, totalSteps: 10 }),
    ).toThrow(bad);
    expect(() =>
      warmupStableDecaySchedule({ stableSteps: 1, decaySteps: 1, minLrRatio: 1.5 }),
    ).toThrow(bad);
    expect(() =>
      warmupStableDecaySchedule({
        stableSteps: 1,
        decaySteps: 1,
        decayType: 'sqrt' as WsdDecayType,
      }),
    ).toThrow(/expected one of 'linear', 'cosine', '1-sqrt'/);
    expect(() =>
      warmupStableDecaySchedule({
        stableSteps: 1,
        decaySteps: 1,
        warmupType: 'exp' as WsdWarmupType,
      }),
    ).toThrow(bad);
    expect(() => warmupStableDecaySchedule({ stableSteps: 1.5, decaySteps: 1 })).toThrow(bad);
  });
});
