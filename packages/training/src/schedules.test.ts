import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrainingError } from './errors';
import {
  getSchedule,
  linearSchedule,
  oneCycleSchedule,
  slantedTriangularSchedule,
} from './schedules';
import type { GetScheduleOptions, ScheduleName } from './schedules';

interface Case {
  name: ScheduleName;
  options: GetScheduleOptions;
  learningRate: number;
  lr: number[];
}
const ref = JSON.parse(
  readFileSync(new URL('../fixtures/schedules.json', import.meta.url), 'utf8'),
) as { data: Case[] };

describe('schedules equal their references (HF lambdas via LambdaLR, torch schedulers, AllenNLP) step by step', () => {
  for (const c of ref.data) {
    it(`${c.name} ${JSON.stringify(c.options)}`, () => {
      const f = getSchedule(c.name, c.options);
      c.lr.forEach((lr, step) => expect(c.learningRate * f(step)).toBeCloseTo(lr, 9));
    });
  }
});

describe('schedule options', () => {
  it('rejects bad options with INVALID_OPTION', () => {
    expect(() => linearSchedule({ totalSteps: -1 })).toThrow(TrainingError);
    expect(() => getSchedule('linear', {})).toThrow(/needs options.totalSteps/);
    expect(() => slantedTriangularSchedule({ totalSteps: 5, cutFrac: 0.1 })).toThrow(/>= 1/);
    expect(() => oneCycleSchedule({ totalSteps: 10 })(11)).toThrow(/beyond totalSteps/);
    expect(() => getSchedule('nope' as ScheduleName)).toThrow(/unknown schedule/);
    try {
      linearSchedule({ totalSteps: 1.5 });
    } catch (e) {
      expect((e as TrainingError).code).toBe('INVALID_OPTION');
    }
  });
  it('linear warmup reaches 1 at warmupSteps and 0 at totalSteps', () => {
    const f = linearSchedule({ warmupSteps: 10, totalSteps: 110 });
    expect(f(5)).toBe(0.5);
    expect(f(10)).toBe(1);
    expect(f(60)).toBe(0.5);
    expect(f(200)).toBe(0);
  });
});
