import { describe, expect, it } from 'vitest';
import {
  cosineWarmupWithMinLrSchedule,
  cosineWithMinLrSchedule,
} from './cosine-with-min-lr-schedule';

const bad = expect.objectContaining({ code: 'INVALID_OPTION' });

describe('cosineWithMinLrSchedule', () => {
  it('decays from 1 to minLrRate at totalSteps, and minLr / learningRate means the same', () => {
    const a = cosineWithMinLrSchedule({ warmupSteps: 2, totalSteps: 12, minLrRate: 0.1 });
    const b = cosineWithMinLrSchedule({
      warmupSteps: 2,
      totalSteps: 12,
      minLr: 1e-4,
      learningRate: 1e-3,
    });
    expect(a(0)).toBe(0);
    expect(a(2)).toBe(1);
    expect(a(7)).toBeCloseTo(0.55, 15);
    expect(a(12)).toBeCloseTo(0.1, 15);
    for (let s = 0; s < 15; s++) expect(b(s)).toBeCloseTo(a(s), 15);
  });

  it('needs exactly one of minLr and minLrRate, and learningRate with minLr (as HF raises)', () => {
    expect(() => cosineWithMinLrSchedule({ totalSteps: 5 })).toThrow(
      /exactly one of minLr or minLrRate/,
    );
    expect(() => cosineWithMinLrSchedule({ totalSteps: 5, minLr: 1, minLrRate: 0.1 })).toThrow(bad);
    expect(() => cosineWithMinLrSchedule({ totalSteps: 5, minLr: 1e-4 })).toThrow(
      /needs learningRate/,
    );
    expect(() => cosineWithMinLrSchedule({ totalSteps: 5, minLrRate: -0.1 })).toThrow(bad);
    expect(() => cosineWithMinLrSchedule({ totalSteps: 5, minLrRate: 0.1, numCycles: -1 })).toThrow(
      bad,
    );
  });
});

describe('cosineWarmupWithMinLrSchedule', () => {
  it('never starts at 0 and reaches the floor at the last update, step totalSteps − 1', () => {
    const f = cosineWarmupWithMinLrSchedule({ warmupSteps: 4, totalSteps: 14, minLrRate: 0.2 });
    expect(f(0)).toBe(0.25);
    expect(f(3)).toBe(1);
    // decay progress (step − W + 1) / (T − W)
    expect(f(4)).toBeCloseTo(0.2 + 0.8 * 0.5 * (1 + Math.cos(Math.PI * 0.1)), 15);
    expect(f(13)).toBeCloseTo(0.2, 15);
  });

  it('warms up linearly from warmupLrRate to 1 at step warmupSteps − 1', () => {
    const f = cosineWarmupWithMinLrSchedule({
      warmupSteps: 5,
      totalSteps: 20,
      minLrRate: 0,
      warmupLrRate: 0.2,
    });
    expect(f(0)).toBe(0.2);
    expect(f(2)).toBeCloseTo(0.6, 15);
    expect(f(4)).toBe(1);
  });
});
