import { join } from 'node:path';
import { addSoftmaxCrossEntropyLoss } from '@nlpft/onnx';
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
import { classificationScores } from './classification-metrics';
import type { ClassificationScores } from './classification-metrics';
import { withClassifierHead } from './classifier-head';
import type { HeadOrigin } from './classifier-head';
import { predictClasses } from './predict-classes';
import { encodeLabelled, padIdOf, pretrainedCollate } from './pretrained-collate';
import type { EncodedExample, LabelledInput } from './pretrained-collate';
import { fingerprint, finishRun, inspectRunDir, readLossCurve, startRun } from './run-dir';

/** Options of {@link finetunePretrained}. */
export interface FinetunePretrainedOptions {
  /** A Hugging Face model folder (config.json, tokenizer.json, onnx/model.onnx), or one opened by fromPretrained. */
  model: string | PretrainedModel;
  train: readonly LabelledInput[];
  test: readonly LabelledInput[];
  /** One of {@link FINETUNE_STRATEGIES}. @defaultValue 'full' */
  strategy?: FinetuneStrategy;
  /** Class names by id (written as id2label). @defaultValue the config's id2label when it has numLabels entries, else LABEL_0 … */
  labels?: readonly string[];
  /** @defaultValue labels.length, else the largest label + 1 (at least 2) */
  numLabels?: number;
  /** Tokens per example; longer inputs are cut. @defaultValue 128 */
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
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
  onStep?: (step: number) => void;
}

/** What {@link finetunePretrained} measured on the test split. */
export interface FinetunePretrainedResult extends ClassificationScores {
  strategy: FinetuneStrategy;
  labels: string[];
  /** Where the head came from: the export's, its output projection re-drawn for another class count, or new. */
  head: HeadOrigin;
  /** Parameters that train at the last step, and all of them. */
  trainableParameters: number;
  totalParameters: number;
  predictions: number[];
  /** Class probabilities per test item. */
  probabilities: number[][];
  lossCurve: { step: number; loss: number }[];
  steps: number;
  seconds: number;
  /** The folder written, when `output` was given. */
  output: string | null;
  /** Step the run resumed from (0 when fresh); true when the result came from a finished run folder. */
  resumedFrom: number;
  cached: boolean;
}

/**
 * Fine-tunes a Hugging Face model folder on a (pair) classification task with one of the lecture's strategies, scores
 * the test split and, with `output`, writes the result as a model folder `@nlpft/inference` and transformers.js load.
 * The head is the export's (re-initialised when the class count differs) or a new one on a body export.
 * @throws {TrainingError} `INVALID_OPTION` for empty splits, a label outside 0 … numLabels − 1 or a bad option;
 *   `INVALID_MODEL_FOLDER` / `UNSUPPORTED_MODEL` from fromPretrained; `NON_FINITE_LOSS`; `INTERRUPTED` when `signal`
 *   aborts (with runDir, after saving a checkpoint to resume from).
 * @example
 * const run = await finetunePretrained({ model: 'models/bert-base-uncased', train, test, strategy: 'lora', output: 'out/bert-lora' });
 */
export async function finetunePretrained(
  options: FinetunePretrainedOptions,
): Promise<FinetunePretrainedResult> {
  const strategy = options.strategy ?? 'full';
  if (!FINETUNE_STRATEGIES.includes(strategy))
    throw new TrainingError(
      'INVALID_OPTION',
      `unknown strategy '${String(strategy)}'; one of ${FINETUNE_STRATEGIES.join(', ')}`,
    );
  if (options.train.length === 0 || options.test.length === 0)
    throw new TrainingError('INVALID_OPTION', 'fine-tuning needs non-empty train and test splits');
  const opened = typeof options.model === 'string' ? fromPretrained(options.model) : options.model;
  const tokenizer = opened.tokenizer;
  if (tokenizer === undefined)
    throw new TrainingError(
      'INVALID_MODEL_FOLDER',
      `${opened.dir} has no tokenizer.json to encode the texts with`,
    );
  const numLabels = resolveNumLabels(options);
  checkLabels([...options.train, ...options.test], numLabels);
  const labels = labelNames(options.labels, opened.config.id2label, numLabels);
  const seed = options.seed ?? 0;
  const settings = {
    strategy,
    numLabels,
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
    train: fingerprint(options.train),
    test: fingerprint(options.test),
  });
  const state =
    options.runDir === undefined
      ? undefined
      : inspectRunDir<FinetunePretrainedResult>(options.runDir, print);
  if (state?.kind === 'done') {
    if (options.output !== undefined && state.result.output !== options.output)
      throw new TrainingError(
        'INVALID_OPTION',
        `${options.runDir} holds a finished run saved to ${state.result.output ?? 'no folder'}; delete it to train again for ${options.output}`,
      );
    return { ...state.result, cached: true };
  }

  const { model, origin } = withClassifierHead(opened, numLabels, seed);
  const train = encodeLabelled(tokenizer, options.train, settings.maxLength);
  const test = encodeLabelled(tokenizer, options.test, settings.maxLength);
  const steps = settings.epochs * Math.ceil(train.length / settings.batchSize);
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
  addSoftmaxCrossEntropyLoss(graph, 'logits');
  const trainable = OnnxTrainable.create<EncodedExample>(graph, {
    collate: pretrainedCollate(
      graph.inputs.map((i) => i.name),
      padIdOf(model, tokenizer),
    ),
    isParameter: (n) => setup.structure.parameters.has(n),
    ...(options.device !== undefined ? { device: options.device } : {}),
  });
  try {
    if (options.runDir !== undefined)
      startRun(options.runDir, print, { strategy, model: opened.dir });
    const started = Date.now();
    let firstStep: number | undefined;
    const result = await new Trainer({
      model: trainable,
      optimizer: new AdamW(trainable.params, {
        learningRate: settings.learningRate,
        groups: setup.groups,
      }),
      train,
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
      ...(options.runDir !== undefined
        ? {
            outputDir: join(options.runDir, 'train'),
            saveSteps: options.saveSteps ?? 50,
            ...(state?.kind === 'resume' ? { resumeFrom: state.checkpoint } : {}),
          }
        : {}),
      signal: options.signal,
      onProgress: options.onProgress,
      onStep: (step) => {
        firstStep ??= step;
        options.onStep?.(step);
      },
    }).train();
    const seconds = (Date.now() - started) / 1000;
    const { predictions, probabilities } = await predictClasses(trainable, test, numLabels);
    if (options.output !== undefined)
      savePretrained(model, trainable.toGraph(), options.output, {
        id2label: labels,
        outputs: ['logits'],
        mergeLora: options.mergeLora ?? true,
      });
    const trainableNow = setup.freezePlan.trainableAt(Math.max(0, result.steps - 1));
    const out: FinetunePretrainedResult = {
      ...classificationScores(
        test.map((e) => e.label),
        predictions,
        undefined,
        numLabels,
      ),
      strategy,
      labels,
      head: origin,
      trainableParameters: sum(trainableNow.map((n) => trainable.params[n]!.length)),
      totalParameters: sum(Object.values(trainable.params).map((p) => p.length)),
      predictions,
      probabilities,
      lossCurve:
        options.runDir !== undefined
          ? readLossCurve(options.runDir)
          : result.log.flatMap((e) => (e.type === 'train' ? [{ step: e.step, loss: e.loss }] : [])),
      steps: result.steps,
      seconds,
      output: options.output ?? null,
      resumedFrom: (firstStep ?? result.steps + 1) - 1,
      cached: false,
    };
    if (options.runDir !== undefined) finishRun(options.runDir, out);
    return out;
  } finally {
    await trainable.dispose();
  }
}

function resolveNumLabels(options: FinetunePretrainedOptions): number {
  if (options.numLabels !== undefined) return options.numLabels;
  if (options.labels !== undefined) return options.labels.length;
  const largest = Math.max(
    ...options.train.map((e) => e.label),
    ...options.test.map((e) => e.label),
  );
  return Math.max(2, largest + 1);
}

// A label outside the head's range would only fail deep inside onnxruntime's loss kernel (or silently).
function checkLabels(items: readonly LabelledInput[], numLabels: number): void {
  const stray = items.find(
    (e) => !(Number.isInteger(e.label) && e.label >= 0 && e.label < numLabels),
  );
  if (stray !== undefined)
    throw new TrainingError(
      'INVALID_OPTION',
      `label ${stray.label} (text ${JSON.stringify(stray.text.slice(0, 40))}) is not an integer in 0 … ${numLabels - 1}; map labels to 0 … numLabels − 1 or raise numLabels`,
    );
}

function labelNames(
  given: readonly string[] | undefined,
  configured: readonly string[],
  n: number,
): string[] {
  if (given !== undefined) {
    if (given.length !== n)
      throw new TrainingError(
        'INVALID_OPTION',
        `labels names ${given.length} classes, numLabels is ${n}`,
      );
    return [...given];
  }
  // HF's default names when the config's do not fit the new head.
  return configured.length === n
    ? [...configured]
    : Array.from({ length: n }, (_, i) => `LABEL_${i}`);
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
