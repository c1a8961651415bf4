import { describe, expect, it } from 'vitest';
import { getSchedule, SCHEDULE_NAMES } from './get-schedule';
import type { ScheduleName } from './get-schedule';
import { readScheduleReference } from './reference.test-helper';

const { data, reduceLrOnPlateau } = readScheduleReference();

describe('getSchedule', () => {
  it('has reference vectors for every name it accepts', () => {
    const covered = new Set<string>(data.map((c) => c.name));
    if (reduceLrOnPlateau.length > 0) covered.add('reduce_lr_on_plateau');
    expect(SCHEDULE_NAMES.filter((n) => !covered.has(n))).toEqual([]);
  });

  it('reference cases run past N for every decaying schedule', () => {
    const short = data.filter((c) => {
      const n = c.options.totalSteps ?? c.options.tMax ?? c.options.t0;
      return n !== undefined && c.lr.length <= n;
    });
    // pctStart 1 one-cycle stops at N − 1: PyTorch divides by zero at N
    expect(short.map((c) => `${c.name} ${JSON.stringify(c.options)}`)).toEqual([
      'one_cycle {"totalSteps":12,"pctStart":1}',
    ]);
  });

  it('names the missing option', () => {
    expect(() => getSchedule('step_lr')).toThrow(/needs options.stepSize/);
    expect(() => getSchedule('multi_step_lr')).toThrow(/needs options.milestones/);
    expect(() => getSchedule('cosine_annealing')).toThrow(/needs options.tMax/);
    expect(() => getSchedule('warmup_stable_decay')).toThrow(/needs options.decaySteps/);
  });

  it('lists the known names on an unknown one', () => {
    expect(() => getSchedule('cosine_annealing_lr' as ScheduleName)).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('cosine_annealing_warm_restarts'),
      }),
    );
  });
});
