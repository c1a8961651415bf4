import { describe, expect, it } from 'vitest';
import { cosineAnnealingSchedule } from './cosine-annealing-schedule';
import { cosineAnnealingWarmRestartsSchedule } from './cosine-annealing-warm-restarts-schedule';
import { exponentialLrSchedule } from './exponential-lr-schedule';
import { readScheduleReference } from './reference.test-helper';
import { multiStepLrSchedule, stepLrSchedule } from './step-lr-schedule';

const bad = expect.objectContaining({ code: 'INVALID_OPTION' });
const { data } = readScheduleReference();

describe('PyTorch lr_scheduler classes in closed form', () => {
  it('stepLrSchedule decays by gamma every stepSize steps', () => {
    const f = stepLrSchedule({ stepSize: 3, gamma: 0.5 });
    expect([0, 2, 3, 5, 6, 9].map(f)).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
    expect(stepLrSchedule({ stepSize: 1 })(2)).toBeCloseTo(0.01, 15);
  });

  it('multiStepLrSchedule counts repeated milestones twice and ignores their order', () => {
    const f = multiStepLrSchedule({ milestones: [12, 5, 12], gamma: 0.5 });
    expect([4, 5, 11, 12, 100].map(f)).toEqual([1, 0.5, 0.5, 0.125, 0.125]);
    expect(multiStepLrSchedule({ milestones: [0] })(0)).toBe(0.1);
    expect(multiStepLrSchedule({ milestones: [] })(7)).toBe(1);
  });

  it('exponentialLrSchedule is gamma^step', () => {
    expect(exponentialLrSchedule({ gamma: 0.9 })(2)).toBeCloseTo(0.81, 15);
  });

  it('cosineAnnealingSchedule follows the closed form and equals torch’s recursive step() over 2.25 periods', () => {
    const f = cosineAnnealingSchedule({ tMax: 10, etaMin: 0.01, learningRate: 0.1 });
    expect(f(0)).toBe(1);
    expect(f(10)).toBeCloseTo(0.1, 15);
    expect(f(20)).toBeCloseTo(1, 15);
    const long = data.find((c) => c.name === 'cosine_annealing' && c.options.tMax === 200)!;
    expect(long.lr.length).toBe(450);
    const g = cosineAnnealingSchedule(long.options as { tMax: number });
    long.lr.forEach((lr, step) => expect(0.1 * g(step)).toBeCloseTo(lr, 13));
  });

  it('cosineAnnealingWarmRestartsSchedule restarts after t0, t0·tMult, …', () => {
    const f = cosineAnnealingWarmRestartsSchedule({ t0: 2, tMult: 2 });
    // cycles [0, 2), [2, 6), [6, 14)
    expect([0, 1, 2, 4, 6, 10, 14].map((s) => Number(f(s).toFixed(12)))).toEqual([
      1, 0.5, 1, 0.5, 1, 0.5, 1,
    ]);
    const g = cosineAnnealingWarmRestartsSchedule({ t0: 3 });
    expect(g(1e9)).toBeCloseTo(g(1e9 % 3), 15);
  });

  it('rejects bad options with INVALID_OPTION', () => {
    expect(() => stepLrSchedule({ stepSize: 0 })).toThrow(bad);
    expect(() => stepLrSchedule({ stepSize: 2, gamma: -1 })).toThrow(bad);
    expect(() => multiStepLrSchedule({ milestones: [1, -2] })).toThrow(/milestones\[1\]/);
    expect(() => multiStepLrSchedule({ milestones: [1.5] })).toThrow(bad);
    expect(() => exponentialLrSchedule({ gamma: Number.NaN })).toThrow(bad);
    expect(() => cosineAnnealingSchedule({ tMax: 0 })).toThrow(bad);
    expect(() => cosineAnnealingSchedule({ tMax: 5, etaMin: 0.01 })).toThrow(
      /etaMin needs learningRate/,
    );
    expect(() => cosineAnnealingWarmRestartsSchedule({ t0: 2, tMult: 0 })).toThrow(bad);
    expect(() => cosineAnnealingWarmRestartsSchedule({ t0: 2, tMult: 1.5 })).toThrow(bad);
    expect(() => cosineAnnealingWarmRestartsSchedule({ t0: 0.5 })).toThrow(bad);
  });
});
