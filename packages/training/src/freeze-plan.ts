import { TrainingError } from './errors';
import { defaultLayerOf } from './param-groups';
import { checkNames, checkOptionsObject, isList } from './check-args';

/**
 * A model's layer numbering: @nlpft/onnx's `ModelStructure` (from `mapModelStructure` or `fromPretrained`) is one.
 * `layerOf` gives 0 for the embeddings, i + 1 for transformer layer i, `undefined` for the head, and throws for a
 * name it cannot place.
 */
export interface LayerMap {
  numLayers: number;
  layerOf: (name: string) => number | undefined;
}

/** Which parameters are trainable at each optimizer step; the backend computes gradients only for those. */
export interface FreezePlan {
  /** Trainable parameter names at `step` (0-based optimizer step), in the order given to the plan. */
  trainableAt(step: number): readonly string[];
}

/** Full fine-tuning: every parameter trainable at every step. */
export function fullFineTuning(names: readonly string[]): FreezePlan {
  checkNames('fullFineTuning', names);
  const all = [...names];
  return { trainableAt: () => all };
}

/**
 * Freeze every pretrained weight; train only the new head.
 * @param isHead names of the head: a predicate, a list of name prefixes, or a {@link LayerMap} (its head part).
 * @throws {TrainingError} INVALID_OPTION when no parameter matches the head.
 */
export function freezeAllButHead(
  names: readonly string[],
  isHead: ((name: string) => boolean) | readonly string[] | LayerMap,
): FreezePlan {
  checkNames('freezeAllButHead', names);
  if (typeof isHead !== 'function' && !isList(isHead))
    checkOptionsObject('freezeAllButHead', isHead, { label: 'isHead' });
  else if (isList(isHead)) checkNames('freezeAllButHead', isHead, 'isHead');
  const pred =
    typeof isHead === 'function'
      ? isHead
      : 'layerOf' in isHead
        ? (n: string) => isHead.layerOf(n) === undefined
        : (n: string) => isHead.some((p) => n.startsWith(p));
  const head = names.filter(pred);
  if (head.length === 0)
    throw new TrainingError('INVALID_OPTION', 'freezeAllButHead: no parameter matches the head');
  return { trainableAt: () => head };
}

/** Options of {@link freezeBottomLayers} and {@link gradualUnfreezing}. */
export interface LayerPlanOptions {
  /**
   * Maps a name to its layer: 0 embeddings, i + 1 for transformer layer i, `undefined` for the head.
   * @defaultValue {@link defaultLayerOf}
   */
  layerOf?: (name: string) => number | undefined;
  /** The model's structural map; its `layerOf` (and `numLayers`) are used unless given. @defaultValue none */
  structure?: LayerMap;
}

/**
 * Freeze the embeddings and the bottom `k` transformer layers; train the rest.
 * @throws {TrainingError} INVALID_OPTION when k is negative or not an integer.
 */
export function freezeBottomLayers(
  names: readonly string[],
  k: number,
  options: LayerPlanOptions = {},
): FreezePlan {
  checkNames('freezeBottomLayers', names);
  checkOptionsObject('freezeBottomLayers', options);
  if (!(Number.isInteger(k) && k >= 0))
    throw new TrainingError('INVALID_OPTION', `k must be an integer >= 0, got ${k}`);
  const layerOf = options.layerOf ?? options.structure?.layerOf ?? defaultLayerOf;
  const trainable = names.filter((n) => {
    const l = layerOf(n);
    return l === undefined || l > k;
  });
  return { trainableAt: () => trainable };
}

/** Options of {@link gradualUnfreezing}. */
export interface GradualUnfreezingOptions extends LayerPlanOptions {
  /** Optimizer steps between unfreezing one more layer (ULMFiT unfreezes one layer per epoch). Required. */
  stepsPerStage: number;
  /** Number of transformer layers L. Required unless `structure` gives it. */
  numLayers?: number;
}

/**
 * ULMFiT gradual unfreezing: at first only the head trains; every `stepsPerStage` steps the next layer down is
 * unfrozen (layer L, L-1, …, then the embeddings), until everything trains.
 * @throws {TrainingError} INVALID_OPTION on a non-positive stepsPerStage.
 * @example gradualUnfreezing(names, { stepsPerStage: 100, numLayers: 12 }).trainableAt(250) // head + layers 11, 10
 */
export function gradualUnfreezing(
  names: readonly string[],
  options: GradualUnfreezingOptions,
): FreezePlan {
  checkNames('gradualUnfreezing', names);
  checkOptionsObject('gradualUnfreezing', options);
  const { stepsPerStage } = options;
  const numLayers = options.numLayers ?? options.structure?.numLayers;
  if (numLayers === undefined)
    throw new TrainingError('INVALID_OPTION', 'gradualUnfreezing needs numLayers or structure');
  if (!(Number.isSafeInteger(numLayers) && numLayers >= 0))
    throw new TrainingError(
      'INVALID_OPTION',
      `gradualUnfreezing: numLayers must be an integer >= 0, got ${typeof numLayers === 'number' ? numLayers : typeof numLayers}`,
    );
  if (!(Number.isInteger(stepsPerStage) && stepsPerStage > 0))
    throw new TrainingError(
      'INVALID_OPTION',
      `stepsPerStage must be an integer > 0, got ${stepsPerStage}`,
    );
  const layerOf = options.layerOf ?? options.structure?.layerOf ?? defaultLayerOf;
  const layers = names.map((n) => layerOf(n) ?? numLayers + 1);
  return {
    trainableAt(step) {
      if (!(Number.isSafeInteger(step) && step >= 0))
        throw new TrainingError(
          'INVALID_OPTION',
          `gradualUnfreezing: step must be an integer >= 0, got ${typeof step === 'number' ? step : typeof step}`,
        );
      const stage = Math.floor(step / stepsPerStage);
      const lowest = numLayers + 1 - stage;
      return names.filter((_, i) => layers[i]! >= lowest);
    },
  };
}
