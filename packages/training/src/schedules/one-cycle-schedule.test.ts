import { describe, expect, it } from 'vitest';
import { oneCycleMomentum, oneCycleSchedule } from './one-cycle-schedule';
import { readScheduleReference } from './reference.test-helper';

const { oneCycleMomentum: momentumRef } = readScheduleReference();
const bad = expect.objectContaining({ code: 'INVALID_OPTION' });

describe('oneCycleMomentum', () => {
  it.each(momentumRef)(
    'equals OneCycleLR(cycle_momentum=True) $optimizer β₁ for $options',
    ({ options, momentum }) => {
      const f = oneCycleMomentum(options);
      momentum.forEach((m, step) => expect(f(step)).toBeCloseTo(m, 12));
    },
  );

  it('covers both anneal strategies, three-phase, N = 1 and a non-integer pctStart·N', () => {
    const o = momentumRef.map((c) => c.options);
    expect(o.some((x) => x.annealStrategy === 'linear')).toBe(true);
    expect(o.some((x) => (x.annealStrategy ?? 'cos') === 'cos')).toBe(true);
    expect(o.some((x) => x.threePhase)).toBe(true);
    expect(o.some((x) => x.totalSteps === 1)).toBe(true);
    expect(o.some((x) => !Number.isInteger((x.pctStart ?? 0.3) * x.totalSteps))).toBe(true);
  });

  it('moves against the rate: max momentum at the start, base momentum at the peak', () => {
    const lr = oneCycleSchedule({ totalSteps: 100 });
    const m = oneCycleMomentum({ totalSteps: 100 });
    expect(m(0)).toBeCloseTo(0.95, 15);
    // peak at step pct·T − 1 = 29
    expect(lr(29)).toBeCloseTo(1, 15);
    expect(m(29)).toBeCloseTo(0.85, 15);
    expect(m(99)).toBeCloseTo(0.95, 15);
  });

  it('rejects momenta outside [0, 1] and steps past totalSteps', () => {
    expect(() => oneCycleMomentum({ totalSteps: 10, maxMomentum: 1.5 })).toThrow(bad);
    expect(() => oneCycleMomentum({ totalSteps: 10 })(11)).toThrow(/beyond totalSteps/);
  });
});

describe('oneCycleSchedule', () => {
  it('allows step = totalSteps, like OneCycleLR', () => {
    expect(Number.isFinite(oneCycleSchedule({ totalSteps: 10 })(10))).toBe(true);
  });

  it('throws INVALID_OPTION where PyTorch divides by zero (pctStart·totalSteps = 1), not NaN', () => {
    const f = oneCycleSchedule({ totalSteps: 10, pctStart: 0.1 });
    expect(() => f(0)).toThrow(/has no length/);
    expect(() => oneCycleSchedule({ totalSteps: 12, pctStart: 1 })(12)).toThrow(bad);
    expect(oneCycleSchedule({ totalSteps: 12, pctStart: 1 })(11)).toBeCloseTo(1, 15);
  });

  it('rejects bad options with INVALID_OPTION', () => {
    for (const o of [
      { totalSteps: 0 },
      { totalSteps: 10, pctStart: 1.2 },
      { totalSteps: 10, divFactor: 0 },
      { totalSteps: 10, annealStrategy: 'exp' as 'cos' },
    ]) {
      expect(() => oneCycleSchedule(o)).toThrow(bad);
    }
  });
});
