import type { TrainerOptions } from './trainer';
import type { PlateauSchedule } from './schedules';

/** The numbers a {@link Trainer} run follows, with the option defaults applied once. */
export interface TrainPlan {
  readonly batchSize: number;
  /** Micro-batches per optimizer step. */
  readonly accum: number;
  readonly microPerEpoch: number;
  readonly maxSteps: number;
  readonly evalSteps: number;
  readonly logSteps: number;
  readonly metricForBest: string;
  readonly mode: 'min' | 'max';
  readonly minDelta: number;
  /** Every parameter name of the model, in `model.params` order. */
  readonly names: readonly string[];
  /** The schedule when it is a {@link PlateauSchedule} (fed evaluation metrics, checkpointed). */
  readonly plateau: PlateauSchedule | undefined;
}

/** Applies the documented defaults of {@link TrainerOptions}; validation is the constructor's. */
export function resolveTrainPlan<E>(o: TrainerOptions<E>): TrainPlan {
  const batchSize = o.batchSize ?? 8;
  const accum = o.gradientAccumulationSteps ?? 1;
  const microPerEpoch = Math.ceil(o.train.length / batchSize);
  const stepsPerEpoch = Math.ceil(microPerEpoch / accum);
  const metricForBest = o.metricForBest ?? 'loss';
  return {
    batchSize,
    accum,
    microPerEpoch,
    maxSteps: o.maxSteps ?? (o.epochs ?? 1) * stepsPerEpoch,
    evalSteps: o.evalSteps ?? stepsPerEpoch,
    logSteps: o.logSteps ?? 10,
    metricForBest,
    mode: o.mode ?? (metricForBest === 'loss' ? 'min' : 'max'),
    minDelta: o.minDelta ?? 0,
    names: Object.keys(o.model.params),
    plateau: o.schedule !== undefined && 'reportMetric' in o.schedule ? o.schedule : undefined,
  };
}
