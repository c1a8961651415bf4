import type { TrainerProgress } from '@nlpft/training';
import { expectTypeOf, test } from 'vitest';
import type { ProgressEvent } from './progress';

test('TrainerProgress has the ProgressEvent shape', () => {
  expectTypeOf<TrainerProgress>().toExtend<ProgressEvent>();
});
