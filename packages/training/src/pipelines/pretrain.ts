import { join } from 'node:path';
import { graphToModel, writeModelFile, writeWeights } from '@nlpft/onnx';
import { TrainingError } from '../errors';
import { packTokenBlocks } from '../masked-lm';
import { OnnxTrainable } from '../onnx-trainable';
import { AdamW } from '../optimizer';
import { linearSchedule } from '../schedules';
import { Trainer } from '../trainer';
import type { TrainerProgress } from '../trainer';
import type { Tokenizer } from '@nlpft/tokenizers';
import { causalLmCollate, maskedLmCollate } from './collate';
import { heldOutScore } from './held-out-lm';
import type { HeldOutScore } from './held-out-lm';
import { fingerprint, finishRun, inspectRunDir, runFolderTraining, startRun } from './run-dir';
import { specialIds } from './special-ids';
import { buildLanguageModel, parameterCount } from './tiny-models';
import type { Objective, TinyModelConfig } from './tiny-models';

/** Options of {@link pretrainLanguageModel}. */
export interface PretrainOptions {
  objective: Objective;
  /** A WordPiece tokenizer with [CLS], [SEP], [PAD] and [MASK]. */
  tokenizer: Tokenizer;
  /** Training documents (packed into blocks of `model.blockSize`). */
  train: readonly string[];
  /** Held-out documents for the perplexity before and after. */
  heldOut: readonly string[];
  model: TinyModelConfig;
  steps: number;
  /** @defaultValue 32 */
  batchSize?: number;
  /** Peak learning rate of AdamW. @defaultValue 2e-3 */
  learningRate?: number;
  /** Share of steps of linear warmup (then linear decay). @defaultValue 0.06 */
  warmupRatio?: number;
  /** @defaultValue 0.01 */
  weightDecay?: number;
  /** MLM: share of tokens selected for prediction. @defaultValue 0.15 (BERT) */
  maskProbability?: number;
  /** @defaultValue 1 */
  maxGradNorm?: number;
  /** Initialisation, shuffling, masking and dropout. @defaultValue 0 */
  seed?: number;
  /** Held-out blocks scored. @defaultValue 200 */
  maxHeldOutBlocks?: number;
  /** Run folder: `model.onnx` + `result.json` when done, checkpoints under `train/` while training. Required. */
  outputDir: string;
  /** Checkpoint interval in steps. @defaultValue 25 */
  saveSteps?: number;
  /** Abort → checkpoint at the next step, then TrainingError INTERRUPTED; a later call resumes. */
  signal?: AbortSignal;
  /** Progress after every log step (see `TrainerOptions.onProgress`). */
  onProgress?: (progress: TrainerProgress) => void;
  /** Called after each optimizer step (1-based; a resumed run's first call is its checkpoint's step + 1). */
  onStep?: (step: number) => void;
}

/** What a pre-training run produced (also `result.json` in its folder). */
export interface PretrainResult {
  objective: Objective;
  /** The trained forward model (`logits`), runnable by @nlpft/inference. */
  modelPath: string;
  vocabSize: number;
  model: TinyModelConfig;
  parameters: number;
  steps: number;
  /** Training seconds of the session that finished the run (also for a cached result: what it cost then). */
  seconds: number;
  /** Step the last session resumed from (0 when it started fresh). */
  resumedFrom: number;
  cached: boolean;
  trainBlocks: number;
  lossCurve: { step: number; loss: number }[];
  heldOutAtInit: HeldOutScore;
  heldOut: HeldOutScore;
}

/**
 * Pre-trains a tiny BERT (masked LM) or GPT-2 (next-token prediction) from scratch on packed token blocks with
 * AdamW, warmup + linear decay and gradient clipping, and scores held-out text before and after. The run folder
 * is a cache: a finished run with the same configuration returns at once (`cached: true`); an interrupted one
 * resumes from its last checkpoint, bit for bit as if never stopped.
 * @throws {TrainingError} NOT_ENOUGH_DATA when the text gives no full block; MISSING_TOKEN for a tokenizer without
 *   the special tokens. {@link TrainingError} INTERRUPTED when `signal` aborts.
 */
export async function pretrainLanguageModel(options: PretrainOptions): Promise<PretrainResult> {
  const { objective, tokenizer, model: config, outputDir } = options;
  const ids = specialIds(tokenizer);
  const vocabSize = tokenizer.getVocabSize();
  const seed = options.seed ?? 0;
  const settings = {
    objective,
    vocab: tokenizer.getVocab(),
    config,
    steps: options.steps,
    batchSize: options.batchSize ?? 32,
    learningRate: options.learningRate ?? 2e-3,
    warmupRatio: options.warmupRatio ?? 0.06,
    weightDecay: options.weightDecay ?? 0.01,
    maskProbability: options.maskProbability ?? 0.15,
    maxGradNorm: options.maxGradNorm ?? 1,
    seed,
    maxHeldOutBlocks: options.maxHeldOutBlocks ?? 200,
    train: fingerprint(options.train),
    heldOut: fingerprint(options.heldOut),
  };
  const print = fingerprint(settings);
  const state = inspectRunDir<PretrainResult>(outputDir, print);
  if (state.kind === 'done') return { ...state.result, cached: true };

  const encode = (texts: readonly string[]) =>
    texts.map((t) => tokenizer.encode(t, null, { addSpecialTokens: false }).ids);
  const pack = (texts: readonly string[]) =>
    objective === 'mlm'
      ? packTokenBlocks(encode(texts), {
          blockSize: config.blockSize,
          prefix: [ids.cls],
          suffix: [ids.sep],
          separator: [ids.sep],
        })
      : packTokenBlocks(encode(texts), { blockSize: config.blockSize, separator: [ids.sep] });
  const trainBlocks = pack(options.train);
  const heldBlocks = pack(options.heldOut).slice(0, settings.maxHeldOutBlocks);
  if (trainBlocks.length === 0 || heldBlocks.length === 0)
    throw new TrainingError(
      'NOT_ENOUGH_DATA',
      `pretraining needs at least one block of ${config.blockSize} tokens in both train (${trainBlocks.length} blocks) and held-out text (${heldBlocks.length})`,
    );

  const { forward, training } = buildLanguageModel(objective, vocabSize, config, seed);
  const collate =
    objective === 'mlm'
      ? maskedLmCollate(ids, vocabSize, settings.maskProbability)
      : causalLmCollate();
  const model = OnnxTrainable.create<readonly number[]>(training, {
    collate,
    isParameter: (name) => forward.initializers.has(name),
  });
  try {
    const heldOutAtInit = await heldOutScore(model, heldBlocks, objective, collate);
    startRun(outputDir, print, { objective, config, steps: options.steps });
    const warmupSteps = Math.round(options.steps * settings.warmupRatio);
    const started = Date.now();
    const folder = runFolderTraining(outputDir, state, options.saveSteps ?? 25, options.onStep);
    const result = await new Trainer({
      model,
      optimizer: new AdamW(model.params, {
        learningRate: settings.learningRate,
        weightDecay: settings.weightDecay,
      }),
      train: trainBlocks,
      seed,
      batchSize: settings.batchSize,
      maxSteps: options.steps,
      schedule: linearSchedule({ warmupSteps, totalSteps: options.steps }),
      maxGradNorm: settings.maxGradNorm,
      logSteps: Math.max(1, Math.round(options.steps / 50)),
      ...folder.trainer,
      signal: options.signal,
      onProgress: options.onProgress,
    }).train();
    const seconds = (Date.now() - started) / 1000;
    const heldOut = await heldOutScore(model, heldBlocks, objective, collate);
    const modelPath = join(outputDir, 'model.onnx');
    writeModelFile(modelPath, graphToModel(writeWeights(forward, model.params)));
    const out: PretrainResult = {
      objective,
      modelPath,
      vocabSize,
      model: config,
      parameters: parameterCount(forward),
      steps: result.steps,
      seconds,
      resumedFrom: folder.resumedFrom(result),
      cached: false,
      trainBlocks: trainBlocks.length,
      lossCurve: folder.lossCurve(result),
      heldOutAtInit,
      heldOut,
    };
    finishRun(outputDir, out);
    return out;
  } finally {
    await model.dispose();
  }
}
