import type { Params } from '../types';
import { AdamW, BertAdam } from '../optimizer';
import type { Optimizer } from '../optimizer';
import { weightDecayGroups } from '../param-groups';
import { constantSchedule, linearSchedule } from '../schedules';
import type { Schedule } from '../schedules/types';

/** The optimizer settings the tiny-model pipelines share. */
export interface OptimizerRecipe {
  learningRate: number;
  /** 'adamw' (bias-corrected, decoupled weight decay) or 'bertadam' (original BERT: no bias correction). @defaultValue 'adamw' */
  optimizer?: 'adamw' | 'bertadam';
  /** Share of steps of linear warmup before linear decay; 0 with `schedule: 'constant'` for no schedule. @defaultValue 0.1 */
  warmupRatio?: number;
  /** @defaultValue 'linear' */
  schedule?: 'linear' | 'constant';
  /** @defaultValue 0.01 (not on biases and LayerNorm weights) */
  weightDecay?: number;
}

/**
 * The optimizer (weight decay split by name) and learning-rate schedule of a recipe over `totalSteps`.
 * `bertAdamMaxGradNorm` overrides BertAdam's per-parameter clipping (its default when undefined).
 */
export function optimizerFromRecipe(
  params: Params,
  recipe: OptimizerRecipe,
  totalSteps: number,
  bertAdamMaxGradNorm?: number,
): { optimizer: Optimizer; schedule: Schedule } {
  const groups = weightDecayGroups(Object.keys(params), {
    weightDecay: recipe.weightDecay ?? 0.01,
  });
  const { learningRate } = recipe;
  const optimizer =
    recipe.optimizer === 'bertadam'
      ? new BertAdam(params, {
          learningRate,
          groups,
          ...(bertAdamMaxGradNorm === undefined ? {} : { maxGradNorm: bertAdamMaxGradNorm }),
        })
      : new AdamW(params, { learningRate, groups });
  const schedule =
    recipe.schedule === 'constant'
      ? constantSchedule()
      : linearSchedule({
          warmupSteps: Math.round(totalSteps * (recipe.warmupRatio ?? 0.1)),
          totalSteps,
        });
  return { optimizer, schedule };
}
