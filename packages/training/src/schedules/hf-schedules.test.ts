import { describe, expect, it } from 'vitest';
import { constantWithWarmupSchedule } from './constant-schedule';
import { cosineSchedule, cosineWithRestartsSchedule } from './cosine-schedule';
import { inverseSqrtSchedule } from './inverse-sqrt-schedule';
import { linearSchedule } from './linear-schedule';
import { polynomialSchedule } from './polynomial-schedule';

const bad = expect.objectContaining({ code: 'INVALID_OPTION' });

describe('HF warm-up schedules at their boundaries', () => {
  it('warm-up = totalSteps: the decay has length 0 and the factor drops to 0 at totalSteps', () => {
    expect(linearSchedule({ warmupSteps: 10, totalSteps: 10 })(9)).toBe(0.9);
    expect(linearSchedule({ warmupSteps: 10, totalSteps: 10 })(10)).toBe(0);
  });

  it('cosine with restarts at warm-up = totalSteps keeps HF’s quirk: 1 at totalSteps, 0 one step later', () => {
    // progress = (step − W) / max(1, T − W) is 0 at step T, so the cosine restarts there
    const f = cosineWithRestartsSchedule({ warmupSteps: 3, totalSteps: 3 });
    expect(f(3)).toBe(1);
    expect(f(4)).toBe(0);
  });

  it('polynomial with warmupSteps = totalSteps returns lrEnd / learningRate, not NaN (HF raises)', () => {
    const f = polynomialSchedule({
      warmupSteps: 5,
      totalSteps: 5,
      learningRate: 1e-3,
      lrEnd: 1e-5,
    });
    expect(f(4)).toBe(0.8);
    expect(f(5)).toBeCloseTo(0.01, 15);
    expect(f(6)).toBeCloseTo(0.01, 15);
    expect(polynomialSchedule({ totalSteps: 0, learningRate: 1 })(0)).toBe(1e-7);
  });

  it('warm-up 0 starts at 1; N = 1 decays within one step', () => {
    expect(constantWithWarmupSchedule()(0)).toBe(1);
    expect(linearSchedule({ totalSteps: 1 })(0)).toBe(1);
    expect(linearSchedule({ totalSteps: 1 })(1)).toBe(0);
    expect(cosineSchedule({ totalSteps: 1 })(1)).toBeCloseTo(0, 15);
    expect(inverseSqrtSchedule()(10_000 * 3)).toBeCloseTo(0.5, 15);
  });

  it('rejects negative, fractional and non-finite step counts with INVALID_OPTION', () => {
    expect(() => constantWithWarmupSchedule({ warmupSteps: -1 })).toThrow(bad);
    expect(() => linearSchedule({ totalSteps: 2.5 })).toThrow(bad);
    expect(() => cosineSchedule({ totalSteps: Infinity })).toThrow(bad);
    expect(() => cosineSchedule({ totalSteps: 5, numCycles: -0.5 })).toThrow(bad);
    expect(() => polynomialSchedule({ totalSteps: 5, learningRate: 1e-7 })).toThrow(/lrEnd/);
    expect(() => inverseSqrtSchedule({ timescale: 0.5 })).toThrow(bad);
  });
});
