import {
  addFlTuning,
  addLora,
  addPrefixTuning,
  insertAdapters,
  mapModelStructure,
} from '@nlpft/onnx';
import type { Graph, ModelStructure } from '@nlpft/onnx';
import { TrainingError } from '../errors';
import {
  freezeAllButHead,
  freezeBottomLayers,
  fullFineTuning,
  gradualUnfreezing,
} from '../freeze-plan';
import type { FreezePlan } from '../freeze-plan';
import { layerwiseLrDecayGroups, weightDecayGroups } from '../param-groups';
import type { ParamGroup } from '../types';
import type { PretrainedModel } from './from-pretrained';

/** The lecture's fine-tuning strategies, by the names the CLI uses. */
export const FINETUNE_STRATEGIES = [
  'full',
  'head-only',
  'freeze-bottom',
  'gradual-unfreezing',
  'llrd',
  'adapters',
  'lora',
  'prefix',
  'fl-tuning',
] as const;
export type FinetuneStrategy = (typeof FINETUNE_STRATEGIES)[number];

/** Options of {@link prepareStrategy}; each applies to the strategies named. */
export interface StrategyOptions {
  /** Weight decay of the decayed group (HF rule: no decay on biases and LayerNorms). @defaultValue 0.01 */
  weightDecay?: number;
  /** `freeze-bottom`: layers frozen above the embeddings. @defaultValue ⌊L / 2⌋ */
  freezeLayers?: number;
  /** `gradual-unfreezing`: optimizer steps per stage (ULMFiT: one epoch). Required for it. */
  stepsPerStage?: number;
  /** `llrd`: multiplier per layer down. @defaultValue 0.9 */
  decay?: number;
  /** `llrd`: learning rate of the head (groups carry their own rates). Required for llrd. */
  learningRate?: number;
  /** `adapters`: bottleneck width. @defaultValue 16 */
  bottleneck?: number;
  /** `lora`: rank (alpha = 2 · rank, PEFT's common choice). @defaultValue 8 */
  rank?: number;
  /** `prefix`: virtual tokens per layer. @defaultValue 10 */
  prefixLength?: number;
  /** `fl-tuning`: units added to each FFN. @defaultValue 16 */
  units?: number;
  /** Seed of the added parameters' init. @defaultValue 0 */
  seed?: number;
}

/** A graph and the plan that together make one strategy. */
export interface StrategySetup {
  strategy: FinetuneStrategy;
  /** The graph to train (the pretrained one, or it with adapters / LoRA / prefixes / FL units added). */
  graph: Graph;
  structure: ModelStructure;
  /** Every parameter of {@link graph}. */
  parameterNames: readonly string[];
  /** Which of them train at each step. */
  freezePlan: FreezePlan;
  /** Optimizer groups over the trainable parameters (weight decay; llrd's per-layer rates). */
  groups: ParamGroup[];
}

/**
 * Sets up one of the lecture's strategies on a model from {@link fromPretrained}: `full` trains everything;
 * `head-only` freezes the pretrained body and trains the head; `freeze-bottom` freezes the embeddings and the
 * bottom k layers; `gradual-unfreezing` (ULMFiT) opens one layer per stage from the top; `llrd` trains everything
 * with layer-wise decayed rates; `adapters` (Houlsby: adapters + LayerNorms + head), `lora` (query and value),
 * `prefix` and `fl-tuning` train only what they add, plus the head.
 * @throws {TrainingError} `INVALID_OPTION` for an unknown strategy, a missing option it needs, or a model without a
 *   head where the strategy trains one (add a head to a body export first).
 * @example const s = prepareStrategy(model, 'lora', { rank: 8 }); new Trainer({ freezePlan: s.freezePlan, … })
 */
export function prepareStrategy(
  model: PretrainedModel,
  strategy: FinetuneStrategy,
  options: StrategyOptions = {},
): StrategySetup {
  const weightDecay = options.weightDecay ?? 0.01;
  const seed = options.seed ?? 0;
  let graph = model.graph;
  switch (strategy) {
    case 'adapters':
      graph = insertAdapters(graph, {
        bottleneck: options.bottleneck ?? 16,
        structure: model.structure,
        seed,
      }).graph;
      break;
    case 'lora': {
      const rank = options.rank ?? 8;
      const matMuls = [...new Set(model.structure.layers.flatMap((l) => [l.query, l.value]))];
      graph = addLora(graph, { matMuls, rank, alpha: 2 * rank, seed }).graph;
      break;
    }
    case 'prefix':
      graph = addPrefixTuning(graph, {
        prefixLength: options.prefixLength ?? 10,
        structure: model.structure,
        heads: model.config.numHeads,
        seed,
      }).graph;
      break;
    case 'fl-tuning':
      graph = addFlTuning(graph, {
        structure: model.structure,
        units: options.units ?? 16,
        activation: ffnActivation(model.config.raw),
        seed,
      }).graph;
      break;
    default:
      break;
  }
  const structure = graph === model.graph ? model.structure : mapModelStructure(graph);
  const names = [...structure.parameters.keys()];
  const added = new Set(names.filter((n) => !model.structure.parameters.has(n)));
  const head = names.filter((n) => structure.parameters.get(n)!.part === 'head');
  const needHead = (): void => {
    if (head.length === 0)
      throw new TrainingError(
        'INVALID_OPTION',
        `strategy '${strategy}' trains the head, but the model has none (a body export or a tied LM head): add a head first`,
      );
  };
  const isLayerNorm = (n: string) =>
    /(?:LayerNorm|layer_norm|ln_\d|ln_f)\.(?:weight|bias)$/.test(n);
  let freezePlan: FreezePlan;
  switch (strategy) {
    case 'full':
    case 'llrd':
      freezePlan = fullFineTuning(names);
      break;
    case 'head-only':
      needHead();
      freezePlan = freezeAllButHead(names, structure);
      break;
    case 'freeze-bottom':
      freezePlan = freezeBottomLayers(
        names,
        options.freezeLayers ?? Math.floor(structure.numLayers / 2),
        {
          structure,
        },
      );
      break;
    case 'gradual-unfreezing':
      if (options.stepsPerStage === undefined)
        throw new TrainingError(
          'INVALID_OPTION',
          "strategy 'gradual-unfreezing' needs stepsPerStage",
        );
      freezePlan = gradualUnfreezing(names, { stepsPerStage: options.stepsPerStage, structure });
      break;
    case 'adapters':
      needHead();
      freezePlan = freezeAllButHead(
        names,
        (n) => added.has(n) || head.includes(n) || isLayerNorm(n),
      );
      break;
    case 'lora':
    case 'prefix':
    case 'fl-tuning':
      needHead();
      freezePlan = freezeAllButHead(names, (n) => added.has(n) || head.includes(n));
      break;
    default:
      throw new TrainingError(
        'INVALID_OPTION',
        `unknown strategy '${String(strategy)}'; one of ${FINETUNE_STRATEGIES.join(', ')}`,
      );
  }
  // Groups may name frozen parameters: a parameter without a gradient is skipped that step.
  const trainable = names;
  let groups: ParamGroup[];
  if (strategy === 'llrd') {
    if (options.learningRate === undefined)
      throw new TrainingError('INVALID_OPTION', "strategy 'llrd' needs learningRate (the head's)");
    groups = layerwiseLrDecayGroups(trainable, {
      learningRate: options.learningRate,
      decay: options.decay ?? 0.9,
      structure,
      weightDecay,
      graph,
    });
  } else groups = weightDecayGroups(trainable, { weightDecay, graph });
  return { strategy, graph, structure, parameterNames: names, freezePlan, groups };
}

/** The FFN activation a Hugging Face config names, as @nlpft/onnx's FL-tuning spells it. */
function ffnActivation(config: Readonly<Record<string, unknown>>): 'gelu' | 'gelu_new' | 'relu' {
  const name =
    config['hidden_act'] ?? config['activation'] ?? config['activation_function'] ?? 'gelu';
  if (name === 'gelu') return 'gelu';
  if (name === 'gelu_new' || name === 'gelu_pytorch_tanh') return 'gelu_new';
  if (name === 'relu') return 'relu';
  throw new TrainingError(
    'INVALID_OPTION',
    `fl-tuning: the FFN activation ${JSON.stringify(name)} is not one it can add units for (gelu, gelu_new, relu)`,
  );
}
