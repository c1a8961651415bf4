import { TrainingError } from './errors';
import { hfNoDecayName, structuralNoDecayParameters } from './param-groups-graph';
import type { ParameterGraphLike } from './param-groups-graph';
import type { LayerMap } from './freeze-plan';
import type { ParamGroup } from './types';
import { checkNames, checkOptionsObject } from './check-args';

/**
 * Name-only guess at whether Hugging Face's Trainer would exempt a parameter from weight decay: biases and
 * normalisation weights (LayerNorm / RMSNorm / `ln_1`-style names), matched on the lower-cased name. HF decides by
 * module type (`nn.LayerNorm`) plus name patterns, which a name cannot always show: `vision_model.pre_layrnorm.weight`
 * (CLIP's LayerNorm) decays here but not in HF. Pass a `graph` to {@link weightDecayGroups} to decide by structure
 * ({@link structuralNoDecayParameters}); this rule is the fallback without one.
 * @example isNoDecayParameter('encoder.layer.0.attention.output.LayerNorm.weight') // true
 */
export function isNoDecayParameter(name: string): boolean {
  checkNames('isNoDecayParameter', [name], 'name');
  const n = name.toLowerCase();
  return (
    /bias/.test(n) ||
    /layernorm|layer_norm|rmsnorm|(^|[._/])ln(_\w+)?([._/]|$)|(^|[._/])norm([._/]|$)|_norm([._/]|$)/.test(
      n,
    )
  );
}

/** Options of {@link weightDecayGroups}. */
export interface WeightDecayGroupsOptions {
  /** Decay for the decayed group. Required. */
  weightDecay: number;
  /**
   * Predicate for names that get no decay.
   * @defaultValue with `graph`: {@link noDecayInGraph}; without: {@link isNoDecayParameter}
   */
  noDecay?: (name: string) => boolean;
  /** The model graph (an @nlpft/onnx `Graph`), to decide by how each parameter is used. @defaultValue none */
  graph?: ParameterGraphLike;
}

/**
 * The Hugging Face Trainer rule on a graph: a parameter is no-decay when the graph uses it as a LayerNorm scale or
 * bias or as a bias ({@link structuralNoDecayParameters}, HF's module-type rule) or when its name matches HF's
 * patterns ({@link hfNoDecayName}). Names that are not initializers of the graph fall back to
 * {@link isNoDecayParameter}.
 * @example weightDecayGroups(names, { weightDecay: 0.01, noDecay: noDecayInGraph(graph) })
 */
export function noDecayInGraph(graph: ParameterGraphLike): (name: string) => boolean {
  const structural = structuralNoDecayParameters(graph);
  return (name) =>
    graph.initializers.has(name)
      ? structural.has(name) || hfNoDecayName(name)
      : isNoDecayParameter(name);
}

/**
 * Two parameter groups as Hugging Face's Trainer builds them: weights with `weightDecay`, biases and LayerNorm
 * weights with 0. Empty groups are dropped. With `graph` the split is structural (exact for graphs whose LayerNorms
 * are ops or the usual spelled-out pattern); without it, by name.
 * @throws {TrainingError} INVALID_OPTION on a negative weight decay.
 * @example new AdamW(params, { learningRate: 2e-5, groups: weightDecayGroups(Object.keys(params), { weightDecay: 0.01 }) })
 */
export function weightDecayGroups(
  names: readonly string[],
  options: WeightDecayGroupsOptions,
): ParamGroup[] {
  checkNames('weightDecayGroups', names);
  checkOptionsObject('weightDecayGroups', options);
  if (!(options.weightDecay >= 0))
    throw new TrainingError(
      'INVALID_OPTION',
      `weightDecay must be >= 0, got ${options.weightDecay}`,
    );
  if (options.noDecay !== undefined && typeof options.noDecay !== 'function')
    throw new TrainingError(
      'INVALID_OPTION',
      `weightDecayGroups: noDecay must be a function of a name, got ${typeof options.noDecay}`,
    );
  const noDecay =
    options.noDecay ??
    (options.graph !== undefined ? noDecayInGraph(options.graph) : isNoDecayParameter);
  const decay = names.filter((n) => !noDecay(n));
  const skip = names.filter((n) => noDecay(n));
  const groups: ParamGroup[] = [];
  if (decay.length > 0) groups.push({ params: decay, weightDecay: options.weightDecay });
  if (skip.length > 0) groups.push({ params: skip, weightDecay: 0 });
  return groups;
}

/**
 * Default layer index of a transformer parameter name: `…layer.N.…` / `…layers.N.…` / `…h.N.…` → N + 1,
 * embeddings → 0, everything else (pooler, head) → `undefined` (top).
 */
export function defaultLayerOf(name: string): number | undefined {
  checkNames('defaultLayerOf', [name], 'name');
  const m = /(?:^|[._/])(?:layer|layers|h|blocks?)[._/](\d+)(?:[._/]|$)/.exec(name);
  if (m) return Number(m[1]) + 1;
  if (/embed|wte|wpe/i.test(name)) return 0;
  return undefined;
}

/** Options of {@link layerwiseLrDecayGroups}. */
export interface LayerwiseLrDecayOptions {
  /** Learning rate of the top (head). Required. */
  learningRate: number;
  /** Multiplier per layer going down (0.9 etc.; ULMFiT's discriminative rates are 1 / 2.6). Required. */
  decay: number;
  /** Number of transformer layers L; embeddings are layer 0, layer i is i + 1, the head is L + 1. Required unless `structure` gives it. */
  numLayers?: number;
  /**
   * Maps a name to its layer (0 … L), `undefined` for the top.
   * @defaultValue {@link defaultLayerOf}
   */
  layerOf?: (name: string) => number | undefined;
  /** The model's structural map ({@link LayerMap}); its `layerOf` and `numLayers` are used unless given. */
  structure?: LayerMap;
  /** Apply {@link weightDecayGroups} inside each layer with this decay. Default: no weight-decay split. */
  weightDecay?: number;
  /** Passed to {@link weightDecayGroups} for the split. @defaultValue none (name rule) */
  graph?: ParameterGraphLike;
}

/**
 * Layer-wise learning-rate decay (Clark et al. 2020; Sun et al. 2019): layer l gets `learningRate · decay^(L+1-l)`.
 * One group per (layer, decay/no-decay).
 * @throws {TrainingError} INVALID_OPTION on a decay outside (0, 1] or a layer index above numLayers.
 */
export function layerwiseLrDecayGroups(
  names: readonly string[],
  options: LayerwiseLrDecayOptions,
): ParamGroup[] {
  checkNames('layerwiseLrDecayGroups', names);
  checkOptionsObject('layerwiseLrDecayGroups', options);
  const { learningRate, decay } = options;
  if (!(typeof learningRate === 'number' && Number.isFinite(learningRate) && learningRate >= 0))
    throw new TrainingError(
      'INVALID_OPTION',
      `layerwiseLrDecayGroups: learningRate must be a finite number >= 0, got ${String(learningRate)}`,
    );
  const numLayers = options.numLayers ?? options.structure?.numLayers;
  if (!(decay > 0 && decay <= 1))
    throw new TrainingError('INVALID_OPTION', `decay must be in (0, 1], got ${decay}`);
  if (!(numLayers !== undefined && Number.isInteger(numLayers) && numLayers >= 0))
    throw new TrainingError(
      'INVALID_OPTION',
      `numLayers must be an integer >= 0 (or pass structure), got ${numLayers}`,
    );
  const layerOf = options.layerOf ?? options.structure?.layerOf ?? defaultLayerOf;
  const byLayer = new Map<number, string[]>();
  for (const n of names) {
    const l = layerOf(n) ?? numLayers + 1;
    if (l > numLayers + 1 || l < 0)
      throw new TrainingError(
        'INVALID_OPTION',
        `parameter '${n}' is in layer ${l}, outside 0..${numLayers + 1}`,
      );
    byLayer.set(l, [...(byLayer.get(l) ?? []), n]);
  }
  const groups: ParamGroup[] = [];
  for (const l of [...byLayer.keys()].sort((a, b) => a - b)) {
    const lr = learningRate * decay ** (numLayers + 1 - l);
    const members = byLayer.get(l)!;
    if (options.weightDecay === undefined) groups.push({ params: members, learningRate: lr });
    else
      for (const g of weightDecayGroups(members, {
        weightDecay: options.weightDecay,
        graph: options.graph,
      }))
        groups.push({ ...g, learningRate: lr });
  }
  return groups;
}

/**
 * ULMFiT discriminative fine-tuning rates: each layer down gets the rate of the one above divided by `factor`
 * (2.6 in Howard & Ruder 2018). Same grouping as {@link layerwiseLrDecayGroups}.
 * @throws {TrainingError} INVALID_OPTION when factor < 1.
 */
export function discriminativeGroups(
  names: readonly string[],
  options: Omit<LayerwiseLrDecayOptions, 'decay'> & { factor?: number },
): ParamGroup[] {
  checkNames('discriminativeGroups', names);
  checkOptionsObject('discriminativeGroups', options);
  const factor = options.factor ?? 2.6;
  if (!(factor >= 1))
    throw new TrainingError('INVALID_OPTION', `factor must be >= 1, got ${factor}`);
  return layerwiseLrDecayGroups(names, { ...options, decay: 1 / factor });
}
