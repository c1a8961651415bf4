import type { Graph } from '@nlpft/onnx';
import type { Tokenizer } from '@nlpft/tokenizers';
import { TrainingError } from '../errors';
import { OnnxTrainable } from '../onnx-trainable';
import { AdamW } from '../optimizer';
import { fromPretrained } from '../pretrained/from-pretrained';
import type { PretrainedModel } from '../pretrained/from-pretrained';
import { savePretrained } from '../pretrained/save-pretrained';
import { FINETUNE_STRATEGIES, prepareStrategy } from '../pretrained/strategies';
import type { FinetuneStrategy, StrategyOptions } from '../pretrained/strategies';
import { linearSchedule } from '../schedules';
import { Trainer } from '../trainer';
import type { TrainerProgress } from '../trainer';
import type { HeadOrigin } from './classifier-head';
import type { Collate } from './collate';
import { beginRunFolder, fingerprint, finishRun, inspectRunDir } from './run-dir';
import { checkFolderOption, checkPipelineOptions } from './check-pipeline-options';

/** The options every fine-tuning pipeline on a Hugging Face folder shares. */
export interface PretrainedRunOptions {
  /** A Hugging Face model folder (config.json, tokenizer.json, onnx/model.onnx), or one opened by fromPretrained. */
  model: string | PretrainedModel;
  /** One of {@link FINETUNE_STRATEGIES}. @defaultValue 'full' */
  strategy?: FinetuneStrategy;
  /** Tokens per sequence; longer inputs are cut. @defaultValue 128 */
  maxLength?: number;
  /** @defaultValue 3 */
  epochs?: number;
  /** @defaultValue 16 */
  batchSize?: number;
  /** Peak learning rate (warmup then linear decay, as HF's default scheduler). @defaultValue 5e-5 (HF TrainingArguments) */
  learningRate?: number;
  /** @defaultValue 0.1 */
  warmupRatio?: number;
  /** Not on biases and LayerNorm weights. @defaultValue 0.01 */
  weightDecay?: number;
  /** Global gradient-norm clipping. @defaultValue 1 */
  maxGradNorm?: number;
  /** Init of new parameters, order of examples, dropout. @defaultValue 0 */
  seed?: number;
  /** Strategy settings (freezeLayers, rank, bottleneck, prefixLength, units, decay, stepsPerStage). */
  strategyOptions?: Omit<StrategyOptions, 'seed' | 'learningRate' | 'weightDecay'>;
  /** Write the fine-tuned model here as a Hugging Face folder (savePretrained). */
  output?: string;
  /** With `output`: fold LoRA into the weights (true) or keep it as separate tensors. @defaultValue true */
  mergeLora?: boolean;
  /**
   * A folder for checkpoints: the run saves there every `saveSteps` and when `signal` aborts, and a later call with
   * the same settings resumes from it, bit for bit; a finished run is returned from it at once (`cached`).
   */
  runDir?: string;
  /** @defaultValue 50 (with runDir) */
  saveSteps?: number;
  /** @defaultValue 'cpu' */
  device?: 'cpu' | 'cuda';
  /**
   * Recompute each layer's activations in backward instead of keeping them (less memory, slower step; see
   * `OnnxTrainableOptions.gradientCheckpointing`). @defaultValue false
   */
  gradientCheckpointing?: boolean;
  signal?: AbortSignal;
  /** Progress after every log step (see `TrainerOptions.onProgress`). */
  onProgress?: (progress: TrainerProgress) => void;
  onStep?: (step: number) => void;
}

/** What every pipeline on a Hugging Face folder reports beside its task's scores. */
export interface PretrainedRunInfo {
  strategy: FinetuneStrategy;
  /** Where the head came from: the export's, its output projection re-drawn for another width, or new. */
  head: HeadOrigin;
  /** Parameters that train at the last step, and all of them. */
  trainableParameters: number;
  totalParameters: number;
  lossCurve: { step: number; loss: number }[];
  steps: number;
  seconds: number;
  /** The folder written, when `output` was given. */
  output: string | null;
  /** Step the run resumed from (0 when fresh). */
  resumedFrom: number;
  /** True when the result came from a finished run folder. */
  cached: boolean;
}

/** What a task adds to the shared run: its head, encoding, batches, loss and scores. */
export interface PretrainedTaskSpec<I, E, S> {
  /** Names the task in the run folder's fingerprint. */
  name: string;
  /** Anything else the result depends on (label names, counts). */
  settings: unknown;
  /** The model with the task's head. */
  head(model: PretrainedModel, seed: number): { model: PretrainedModel; origin: HeadOrigin };
  encode(tokenizer: Tokenizer, items: readonly I[], maxLength: number): E[];
  /** Adds the training loss (output `loss`) to the strategy's graph, in place. */
  addLoss(graph: Graph): void;
  collate(inputNames: readonly string[], model: PretrainedModel, tokenizer: Tokenizer): Collate<E>;
  /** Scores the test split with the trained model. */
  score(trainable: OnnxTrainable<E>, test: readonly E[]): Promise<S>;
  /** Outputs and label names of the saved folder. */
  save: { outputs: readonly string[]; id2label?: readonly string[] };
}

/**
 * The run every fine-tuning pipeline on a Hugging Face folder shares: open the folder, put the task's head on it,
 * set up the strategy, train with AdamW + warmup + linear decay + clipping (checkpointed in `runDir`), score the test
 * split, save the folder. A finished run folder of the same settings returns its result at once.
 * @throws {TrainingError} `INVALID_OPTION` for an unknown strategy or empty splits; what fromPretrained throws.
 */
export async function runPretrainedTask<I, E, S extends object>(
  options: PretrainedRunOptions,
  train: readonly I[],
  test: readonly I[],
  task: PretrainedTaskSpec<I, E, S> | ((model: PretrainedModel) => PretrainedTaskSpec<I, E, S>),
): Promise<S & PretrainedRunInfo> {
  checkPipelineOptions('fine-tuning', options, {
    maxLength: 'positiveInteger',
    epochs: 'positiveInteger',
    batchSize: 'positiveInteger',
    learningRate: 'nonNegative',
    warmupRatio: 'fraction',
    weightDecay: 'nonNegative',
    maxGradNorm: 'maxNorm',
    seed: 'integer',
    output: 'string',
    mergeLora: 'boolean',
    saveSteps: 'positiveInteger',
    device: ['cpu', 'cuda'],
    gradientCheckpointing: 'boolean',
  });
  checkFolderOption('fine-tuning', 'runDir', options.runDir);
  checkFolderOption('fine-tuning', 'output', options.output);
  if (
    typeof options.model !== 'string' &&
    !(typeof options.model === 'object' && options.model !== null)
  )
    throw new TrainingError(
      'INVALID_OPTION',
      `fine-tuning: options.model must be a model folder path or a fromPretrained model`,
    );
  const strategy = options.strategy ?? 'full';
  if (!FINETUNE_STRATEGIES.includes(strategy))
    throw new TrainingError(
      'INVALID_OPTION',
      `unknown strategy '${String(strategy)}'; one of ${FINETUNE_STRATEGIES.join(', ')}`,
    );
  if (train.length === 0 || test.length === 0)
    throw new TrainingError('INVALID_OPTION', 'fine-tuning needs non-empty train and test splits');
  const opened = typeof options.model === 'string' ? fromPretrained(options.model) : options.model;
  const tokenizer = opened.tokenizer;
  if (tokenizer === undefined)
    throw new TrainingError(
      'INVALID_MODEL_FOLDER',
      `${opened.dir} has no tokenizer.json to encode the texts with`,
    );
  const t = typeof task === 'function' ? task(opened) : task;
  const seed = options.seed ?? 0;
  const settings = {
    task: t.name,
    taskSettings: t.settings,
    strategy,
    maxLength: options.maxLength ?? 128,
    epochs: options.epochs ?? 3,
    batchSize: options.batchSize ?? 16,
    learningRate: options.learningRate ?? 5e-5,
    warmupRatio: options.warmupRatio ?? 0.1,
    weightDecay: options.weightDecay ?? 0.01,
    maxGradNorm: options.maxGradNorm ?? 1,
    seed,
    strategyOptions: options.strategyOptions ?? {},
  };
  const print = fingerprint({
    settings,
    model: fingerprint([...opened.graph.initializers.keys(), opened.config.raw]),
    train: fingerprint(train),
    test: fingerprint(test),
  });
  const state =
    options.runDir === undefined
      ? undefined
      : inspectRunDir<S & PretrainedRunInfo>(options.runDir, print);
  if (state?.kind === 'done') {
    if (options.output !== undefined && state.result.output !== options.output)
      throw new TrainingError(
        'INVALID_OPTION',
        `${options.runDir} holds a finished run saved to ${state.result.output ?? 'no folder'}; delete it to train again for ${options.output}`,
      );
    return { ...state.result, cached: true };
  }

  const { model, origin } = t.head(opened, seed);
  const trainSet = t.encode(tokenizer, train, settings.maxLength);
  const testSet = t.encode(tokenizer, test, settings.maxLength);
  const steps = settings.epochs * Math.ceil(trainSet.length / settings.batchSize);
  const setup = prepareStrategy(model, strategy, {
    ...settings.strategyOptions,
    // ULMFiT's stages: head, each layer from the top, the embeddings — the last opens before the end.
    stepsPerStage:
      settings.strategyOptions.stepsPerStage ??
      Math.max(1, Math.floor(steps / (model.structure.numLayers + 2))),
    learningRate: settings.learningRate,
    weightDecay: settings.weightDecay,
    seed,
  });
  const graph = setup.graph.clone();
  t.addLoss(graph);
  const trainable = OnnxTrainable.create<E>(graph, {
    collate: t.collate(
      graph.inputs.map((i) => i.name),
      model,
      tokenizer,
    ),
    isParameter: (n) => setup.structure.parameters.has(n),
    ...(options.device !== undefined ? { device: options.device } : {}),
    ...(options.gradientCheckpointing !== undefined
      ? { gradientCheckpointing: options.gradientCheckpointing }
      : {}),
  });
  try {
    const folder = beginRunFolder({
      dir: options.runDir,
      print,
      description: { task: t.name, strategy, model: opened.dir },
      state,
      saveSteps: options.saveSteps ?? 50,
      onStep: options.onStep,
    });
    const result = await new Trainer({
      model: trainable,
      optimizer: new AdamW(trainable.params, {
        learningRate: settings.learningRate,
        groups: setup.groups,
      }),
      train: trainSet,
      seed,
      batchSize: settings.batchSize,
      epochs: settings.epochs,
      schedule: linearSchedule({
        warmupSteps: Math.round(steps * settings.warmupRatio),
        totalSteps: steps,
      }),
      maxGradNorm: settings.maxGradNorm,
      freezePlan: setup.freezePlan,
      logSteps: Math.max(1, Math.round(steps / 25)),
      ...folder.trainer,
      signal: options.signal,
      onProgress: options.onProgress,
    }).train();
    const seconds = folder.seconds();
    const scores = await t.score(trainable, testSet);
    if (options.output !== undefined)
      savePretrained(model, trainable.toGraph(), options.output, {
        outputs: t.save.outputs,
        ...(t.save.id2label !== undefined ? { id2label: t.save.id2label } : {}),
        mergeLora: options.mergeLora ?? true,
      });
    const trainableNow = setup.freezePlan.trainableAt(Math.max(0, result.steps - 1));
    const out: S & PretrainedRunInfo = {
      ...scores,
      strategy,
      head: origin,
      trainableParameters: sum(trainableNow.map((n) => trainable.params[n]!.length)),
      totalParameters: sum(Object.values(trainable.params).map((p) => p.length)),
      lossCurve: folder.lossCurve(result),
      steps: result.steps,
      seconds,
      output: options.output ?? null,
      resumedFrom: folder.resumedFrom(result),
      cached: false,
    };
    if (options.runDir !== undefined) finishRun(options.runDir, out);
    return out;
  } finally {
    await trainable.dispose();
  }
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
