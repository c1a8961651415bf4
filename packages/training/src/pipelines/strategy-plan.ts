import { TrainingError } from '../errors';
import {
  freezeAllButHead,
  freezeBottomLayers,
  fullFineTuning,
  gradualUnfreezing,
} from '../freeze-plan';
import type { FreezePlan } from '../freeze-plan';

/** The lecture's fine-tuning strategies. */
export type Strategy = 'full' | 'head-only' | 'freeze-bottom' | 'gradual-unfreezing';
export const STRATEGIES: readonly Strategy[] = [
  'full',
  'head-only',
  'freeze-bottom',
  'gradual-unfreezing',
];

/**
 * The freeze plan of a strategy over a model's parameter names: everything; only the parameters named by
 * `headPrefixes`; all but the embeddings and the bottom `freezeLayers` layers (default half, at least 1); or ULMFiT
 * gradual unfreezing (head, then layer L, …, layer 1, embeddings; the last stage, everything, starts before the end).
 * @throws {TrainingError} INVALID_OPTION for an unknown strategy.
 */
export function strategyPlan(
  strategy: Strategy,
  names: readonly string[],
  options: {
    layers: number;
    totalSteps: number;
    headPrefixes: readonly string[];
    freezeLayers?: number | undefined;
  },
): FreezePlan {
  switch (strategy) {
    case 'full':
      return fullFineTuning(names);
    case 'head-only':
      return freezeAllButHead(names, options.headPrefixes);
    case 'freeze-bottom':
      return freezeBottomLayers(
        names,
        options.freezeLayers ?? Math.max(1, Math.floor(options.layers / 2)),
      );
    case 'gradual-unfreezing':
      return gradualUnfreezing(names, {
        numLayers: options.layers,
        stepsPerStage: Math.max(1, Math.floor(options.totalSteps / (options.layers + 2))),
      });
    default:
      throw new TrainingError('INVALID_OPTION', `unknown strategy '${String(strategy)}'`);
  }
}
