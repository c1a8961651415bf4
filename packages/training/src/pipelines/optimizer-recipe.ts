import type { Trainable } from '../types';
import type { TrainerOptions } from '../trainer';
import type { Params } from '../types';
import { AdamW, BertAdam } from '../optimizer';
import type { Optimizer } from '../optimizer';
import { weightDecayGroups } from '../param-groups';
import { constantSchedule, linearSchedule } from '../schedules';
import type { Schedule } from '../schedules/types';
import type { OptionRule } from './check-pipeline-options';
import { strategyPlan } from './strategy-plan';
import type { Strategy } from './strategy-plan';

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
 * The option rules of a tiny-model fine-tuning run (the recipe and its loop: epochs, batch size, clipping, seed),
 * spread into each pipeline's `checkPipelineOptions` table.
 */
export const RECIPE_OPTION_RULES = {
  epochs: 'positiveInteger',
  batchSize: 'positiveInteger',
  learningRate: 'nonNegative',
  optimizer: ['adamw', 'bertadam'],
  warmupRatio: 'fraction',
  schedule: ['linear', 'constant'],
  weightDecay: 'nonNegative',
  maxGradNorm: 'maxNorm',
  seed: 'integer',
} as const satisfies Readonly<Record<string, OptionRule>>;

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

/** What {@link recipeTrainerOptions} reads of a pipeline's options: the recipe and its loop. */
export interface RecipeRunOptions extends OptimizerRecipe {
  epochs: number;
  maxGradNorm?: number;
  /** See {@link strategyPlan}. */
  freezeLayers?: number;
}

/** The run a recipe trains: the model, its examples and the pipeline's choices for this run. */
export interface RecipeRun<E> {
  model: Trainable<E>;
  train: readonly E[];
  seed: number;
  batchSize: number;
  /** The fine-tuning strategy over the model's `layers`, with the head named by `headPrefixes`. */
  strategy: Strategy;
  layers: number;
  headPrefixes: readonly string[];
  /** See {@link optimizerFromRecipe}. */
  bertAdamMaxGradNorm?: number;
}

/**
 * The Trainer options of a tiny-model fine-tuning run over `epochs × ⌈train / batchSize⌉` steps: the strategy's
 * freeze plan, the recipe's optimizer and schedule, the global gradient clip (1 by default) and a log line every
 * 4 % of the steps.
 */
export function recipeTrainerOptions<E>(
  run: RecipeRun<E>,
  recipe: RecipeRunOptions,
): TrainerOptions<E> {
  const totalSteps = recipe.epochs * Math.ceil(run.train.length / run.batchSize);
  const freezePlan = strategyPlan(run.strategy, Object.keys(run.model.params), {
    layers: run.layers,
    totalSteps,
    headPrefixes: run.headPrefixes,
    freezeLayers: recipe.freezeLayers,
  });
  const { optimizer, schedule } = optimizerFromRecipe(
    run.model.params,
    recipe,
    totalSteps,
    run.bertAdamMaxGradNorm,
  );
  return {
    model: run.model,
    optimizer,
    train: run.train,
    seed: run.seed,
    batchSize: run.batchSize,
    epochs: recipe.epochs,
    schedule,
    maxGradNorm: recipe.maxGradNorm ?? 1,
    freezePlan,
    logSteps: Math.max(1, Math.round(totalSteps / 25)),
  };
}
