import { expectTypeOf, test } from 'vitest';
import { getSchedule } from './get-schedule';
import type { PlateauSchedule } from './reduce-lr-on-plateau';
import type { Schedule } from './types';

test('a PlateauSchedule goes where a Schedule goes', () => {
  expectTypeOf<PlateauSchedule>().toExtend<Schedule>();
});

test("getSchedule('reduce_lr_on_plateau') is typed as a PlateauSchedule", () => {
  expectTypeOf(getSchedule('reduce_lr_on_plateau')).toEqualTypeOf<PlateauSchedule>();
  expectTypeOf(getSchedule('linear', { totalSteps: 3 })).toEqualTypeOf<Schedule>();
});
