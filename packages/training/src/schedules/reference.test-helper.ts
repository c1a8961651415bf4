import { readFileSync } from 'node:fs';
import type { GetScheduleOptions, ScheduleName } from './get-schedule';
import type { OneCycleMomentumOptions } from './one-cycle-schedule';
import type { ReduceLrOnPlateauOptions } from './reduce-lr-on-plateau';

/** The shape of fixtures/schedules.json, written by scripts/gen_reference.py. */
export interface ScheduleReference {
  torch: string;
  /** Rates per step from HF lambdas through LambdaLR, torch schedulers, AllenNLP's slanted triangular. */
  data: Array<{
    name: ScheduleName;
    options: GetScheduleOptions;
    learningRate: number;
    lr: number[];
  }>;
  /** `OneCycleLR(cycle_momentum=True)`: SGD `momentum` or Adam `betas[0]` per step. */
  oneCycleMomentum: Array<{
    optimizer: 'sgd' | 'adam';
    options: OneCycleMomentumOptions;
    momentum: number[];
  }>;
  /** `ReduceLROnPlateau` fed seeded random metrics: the rate and `num_bad_epochs` after each. */
  reduceLrOnPlateau: Array<{
    options: ReduceLrOnPlateauOptions;
    learningRate: number;
    metrics: number[];
    lr: number[];
    numBadEpochs: number[];
    best: number;
  }>;
}

/** Reads the committed schedule reference vectors. */
export function readScheduleReference(): ScheduleReference {
  const url = new URL('../../fixtures/schedules.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as ScheduleReference;
}
