import { join } from 'node:path';
import { addCausalLmLoss, addMaskedLmHead, addSoftmaxCrossEntropyLoss } from '@nlpft/onnx';
import type { BatchTensor, Graph } from '@nlpft/onnx';
import type { Tokenizer } from '@nlpft/tokenizers';
import { TrainingError } from '../errors';
import { packTokenBlocks } from '../masked-lm';
import { OnnxTrainable } from '../onnx-trainable';
import { AdamW } from '../optimizer';
import { weightDecayGroups } from '../param-groups';
import { fromPretrained } from '../pretrained/from-pretrained';
import type { PretrainedModel } from '../pretrained/from-pretrained';
import { savePretrained } from '../pretrained/save-pretrained';
import { linearSchedule } from '../schedules';
import { Trainer } from '../trainer';
import type { TrainerProgress } from '../trainer';
import type { StepContext } from '../types';
import { causalLmCollate, maskedLmCollate } from './collate';
import type { Collate } from './collate';
import { heldOutScore } from './held-out-lm';
import type { HeldOutScore } from './held-out-lm';
import { fingerprint, finishRun, inspectRunDir, runFolderTraining, startRun } from './run-dir';
import type { SpecialIds } from './special-ids';
import type { Objective } from './tiny-models';
import { checkFolderOption, checkPipelineOptions, checkSplit } from './check-pipeline-options';

/** Options of {@link continuePretraining}. */
export interface ContinuePretrainingOptions {
  /** A Hugging Face folder: an encoder body export (feature extraction) for MLM, a GPT-2 LM export for CLM. */
  model: string | PretrainedModel;
  /** Unlabelled text of the target domain, packed into blocks. */
  train: readonly string[];
  /** Held-out text of the same domain: perplexity before and after. */
  heldOut: readonly string[];
  steps: number;
  /** Tokens per block (with [CLS]/[SEP] for MLM). @defaultValue 128 */
  blockSize?: number;
  /** @defaultValue 16 */
  batchSize?: number;
  /** @defaultValue 5e-5 */
  learningRate?: number;
  /** @defaultValue 0.06 */
  warmupRatio?: number;
  /** @defaultValue 0.01 */
  weightDecay?: number;
  /** MLM: share of tokens selected. @defaultValue 0.15 */
  maskProbability?: number;
  /** @defaultValue 1 */
  maxGradNorm?: number;
  /** @defaultValue 0 */
  seed?: number;
  /** @defaultValue 200 */
  maxHeldOutBlocks?: number;
  /**
   * Run folder: checkpoints under `train/` (resumed by the next call with the same settings), `result.json` and the
   * model folder `model/` when done.
   */
  outputDir: string;
  /** @defaultValue 25 */
  saveSteps?: number;
  signal?: AbortSignal;
  /** Progress after every log step (see `TrainerOptions.onProgress`). */
  onProgress?: (progress: TrainerProgress) => void;
  onStep?: (step: number) => void;
}

/** What a continued pre-training run produced (also `result.json` in its folder). */
export interface ContinuePretrainingResult {
  objective: Objective;
  /** The Hugging Face folder written: a body export for encoders (the MLM head is dropped), the LM for GPT-2. */
  modelDir: string;
  steps: number;
  seconds: number;
  resumedFrom: number;
  cached: boolean;
  trainBlocks: number;
  lossCurve: { step: number; loss: number }[];
  heldOutAtStart: HeldOutScore;
  heldOut: HeldOutScore;
}

/**
 * Continues pre-training a Hugging Face model on text of the target domain (the lecture's remedy when the task's text
 * is unlike the pre-training data): masked-LM for an encoder body (BERT's 15 % / 80-10-10 corruption through a new
 * `cls.predictions` head tied to the word embeddings), next-token prediction for a GPT-2 LM export, with AdamW,
 * warmup and linear decay. Held-out perplexity is scored before and after; the result is written as a model folder
 * that {@link finetunePretrained} takes. The run folder caches and resumes as {@link pretrainLanguageModel}'s does.
 * @throws {TrainingError} `INVALID_OPTION` for an export that cannot be trained this way (a classifier export, a GPT-2
 *   body); `MISSING_TOKEN` when the tokenizer lacks a special token MLM needs; `NOT_ENOUGH_DATA` for less than a block.
 */
export async function continuePretraining(
  options: ContinuePretrainingOptions,
): Promise<ContinuePretrainingResult> {
  const where = 'continuePretraining';
  checkPipelineOptions(
    where,
    options,
    {
      steps: 'positiveInteger',
      blockSize: 'positiveInteger',
      batchSize: 'positiveInteger',
      learningRate: 'nonNegative',
      warmupRatio: 'fraction',
      weightDecay: 'nonNegative',
      maskProbability: 'fraction',
      maxGradNorm: 'maxNorm',
      seed: 'integer',
      maxHeldOutBlocks: 'positiveInteger',
      outputDir: 'string',
      saveSteps: 'positiveInteger',
    },
    ['steps', 'outputDir'],
  );
  const textProblem = (t: unknown): string | undefined =>
    typeof t === 'string' ? undefined : `must be a string, got ${typeof t}`;
  checkSplit(where, 'train', options.train, textProblem);
  checkSplit(where, 'heldOut', options.heldOut, textProblem);
  checkFolderOption(where, 'outputDir', options.outputDir);
  const model = typeof options.model === 'string' ? fromPretrained(options.model) : options.model;
  const tokenizer = model.tokenizer;
  if (tokenizer === undefined)
    throw new TrainingError('INVALID_MODEL_FOLDER', `${model.dir} has no tokenizer.json`);
  const objective = objectiveOf(model);
  const settings = {
    objective,
    steps: options.steps,
    blockSize: options.blockSize ?? 128,
    batchSize: options.batchSize ?? 16,
    learningRate: options.learningRate ?? 5e-5,
    warmupRatio: options.warmupRatio ?? 0.06,
    weightDecay: options.weightDecay ?? 0.01,
    maskProbability: options.maskProbability ?? 0.15,
    maxGradNorm: options.maxGradNorm ?? 1,
    seed: options.seed ?? 0,
    maxHeldOutBlocks: options.maxHeldOutBlocks ?? 200,
  };
  const print = fingerprint({
    settings,
    model: fingerprint([...model.graph.initializers.keys(), model.config.raw]),
    train: fingerprint(options.train),
    heldOut: fingerprint(options.heldOut),
  });
  const state = inspectRunDir<ContinuePretrainingResult>(options.outputDir, print);
  if (state.kind === 'done') return { ...state.result, cached: true };

  const ids = objective === 'mlm' ? encoderSpecialIds(tokenizer) : undefined;
  const separator = ids?.sep ?? gpt2EndOfText(tokenizer);
  const pack = (texts: readonly string[]) =>
    packTokenBlocks(
      texts.map((t) => tokenizer.encode(t, null, { addSpecialTokens: false }).ids),
      ids !== undefined
        ? {
            blockSize: settings.blockSize,
            prefix: [ids.cls],
            suffix: [ids.sep],
            separator: [ids.sep],
          }
        : { blockSize: settings.blockSize, separator: [separator] },
    );
  const trainBlocks = pack(options.train);
  const heldBlocks = pack(options.heldOut).slice(0, settings.maxHeldOutBlocks);
  if (trainBlocks.length === 0 || heldBlocks.length === 0)
    throw new TrainingError(
      'NOT_ENOUGH_DATA',
      `continued pre-training needs at least one block of ${settings.blockSize} tokens in both train (${trainBlocks.length} blocks) and held-out text (${heldBlocks.length})`,
    );

  const graph = trainingGraph(model, objective, settings.seed);
  const inputs = graph.inputs.map((i) => i.name);
  const collate = onlyInputs(
    ids !== undefined
      ? maskedLmCollate(ids, model.config.vocabSize, settings.maskProbability)
      : causalLmCollate(),
    inputs,
  );
  const trainable = OnnxTrainable.create<readonly number[]>(graph, {
    collate,
    isParameter: (n) => graph.initializers.has(n) && isParameterName(model, n),
  });
  try {
    const heldOutAtStart = await heldOutScore(trainable, heldBlocks, objective, collate);
    startRun(options.outputDir, print, { objective, model: model.dir, steps: options.steps });
    const started = Date.now();
    const folder = runFolderTraining(
      options.outputDir,
      state,
      options.saveSteps ?? 25,
      options.onStep,
    );
    const names = Object.keys(trainable.params);
    const result = await new Trainer({
      model: trainable,
      optimizer: new AdamW(trainable.params, {
        learningRate: settings.learningRate,
        groups: weightDecayGroups(names, { weightDecay: settings.weightDecay, graph }),
      }),
      train: trainBlocks,
      seed: settings.seed,
      batchSize: settings.batchSize,
      maxSteps: options.steps,
      schedule: linearSchedule({
        warmupSteps: Math.round(options.steps * settings.warmupRatio),
        totalSteps: options.steps,
      }),
      maxGradNorm: settings.maxGradNorm,
      logSteps: Math.max(1, Math.round(options.steps / 50)),
      ...folder.trainer,
      signal: options.signal,
      onProgress: options.onProgress,
    }).train();
    const seconds = (Date.now() - started) / 1000;
    const heldOut = await heldOutScore(trainable, heldBlocks, objective, collate);
    const modelDir = join(options.outputDir, 'model');
    // An encoder goes back as the body it came as: what fine-tuning puts a head on.
    savePretrained(model, trainable.toGraph(), modelDir, {
      outputs: objective === 'mlm' ? ['last_hidden_state'] : model.outputs,
    });
    const out: ContinuePretrainingResult = {
      objective,
      modelDir,
      steps: result.steps,
      seconds,
      resumedFrom: folder.resumedFrom(result),
      cached: false,
      trainBlocks: trainBlocks.length,
      lossCurve: folder.lossCurve(result),
      heldOutAtStart,
      heldOut,
    };
    finishRun(options.outputDir, out);
    return out;
  } finally {
    await trainable.dispose();
  }
}

function objectiveOf(model: PretrainedModel): Objective {
  if (model.config.modelType === 'gpt2') {
    if (model.task === 'logits') return 'clm';
    throw new TrainingError(
      'INVALID_OPTION',
      `${model.dir}: continued pre-training of GPT-2 needs the LM export (text-generation, output logits); this one is a body`,
    );
  }
  if (model.task === 'feature-extraction') return 'mlm';
  throw new TrainingError(
    'INVALID_OPTION',
    `${model.dir}: continued pre-training of a ${model.config.modelType} encoder needs a body export (feature-extraction, output last_hidden_state); this one has a ${model.task} head`,
  );
}

/** The training graph: the masked-LM head and its loss on an encoder, the causal LM loss on GPT-2's logits. */
function trainingGraph(model: PretrainedModel, objective: Objective, seed: number): Graph {
  if (objective === 'clm') {
    const g = model.graph.clone();
    addCausalLmLoss(g, 'logits', { labels: 'input_ids' });
    return g;
  }
  const g = addMaskedLmHead(model.graph, {
    wordEmbeddings: `${model.structure.prefix}embeddings.word_embeddings.weight`,
    keepHiddenOutput: true,
    seed,
  });
  addSoftmaxCrossEntropyLoss(g, 'logits');
  return g;
}

/** The body's parameters and those the MLM head adds (named `cls.…`). */
function isParameterName(model: PretrainedModel, name: string): boolean {
  return model.structure.parameters.has(name) || name.startsWith('cls.');
}

/** Drops collate outputs the graph does not read (DistilBERT and RoBERTa take no token_type_ids). */
function onlyInputs(
  inner: Collate<readonly number[]>,
  inputs: readonly string[],
): Collate<readonly number[]> {
  const wanted = new Set([...inputs, 'labels']);
  return (blocks, context?: StepContext) => {
    const all = inner(blocks, context);
    const out: Record<string, BatchTensor> = {};
    for (const [k, v] of Object.entries(all)) if (wanted.has(k)) out[k] = v;
    return out;
  };
}

/** [CLS]/[SEP]/[PAD]/[MASK] under BERT's names or RoBERTa's (<s>, </s>, <pad>, <mask>). */
function encoderSpecialIds(tokenizer: Tokenizer): SpecialIds {
  const find = (role: string, names: readonly string[]): number => {
    for (const n of names) {
      const id = tokenizer.tokenToId(n);
      if (id !== undefined) return id;
    }
    throw new TrainingError(
      'MISSING_TOKEN',
      `the tokenizer has no ${role} token (${names.join(' or ')})`,
    );
  };
  return {
    cls: find('start', ['[CLS]', '<s>']),
    sep: find('separator', ['[SEP]', '</s>']),
    pad: find('padding', ['[PAD]', '<pad>']),
    mask: find('mask', ['[MASK]', '<mask>']),
  };
}

function gpt2EndOfText(tokenizer: Tokenizer): number {
  const id = tokenizer.tokenToId('<|endoftext|>');
  if (id === undefined)
    throw new TrainingError(
      'MISSING_TOKEN',
      "the GPT-2 tokenizer has no '<|endoftext|>' token to separate documents",
    );
  return id;
}
