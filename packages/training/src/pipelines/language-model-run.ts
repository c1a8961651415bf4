import type { Tokenizer } from '@nlpft/tokenizers';
import { TrainingError } from '../errors';
import { packTokenBlocks } from '../masked-lm';
import type { OnnxTrainable } from '../onnx-trainable';
import type { Optimizer } from '../optimizer';
import { linearSchedule } from '../schedules';
import { Trainer } from '../trainer';
import type { TrainerProgress } from '../trainer';
import { heldOutScore } from './held-out-lm';
import type { HeldOutScore } from './held-out-lm';
import { beginRunFolder } from './run-dir';
import type { RunDirState } from './run-dir';
import type { Objective } from './tiny-models';

/** Options shared by {@link pretrainLanguageModel} and {@link continuePretraining}. */
export interface LanguageModelRunOptions {
  /** Training text, packed into token blocks. */
  train: readonly string[];
  /** Held-out text of the same kind: perplexity before and after. */
  heldOut: readonly string[];
  steps: number;
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
  /**
   * Run folder: checkpoints under `train/` while training (resumed by the next call with the same settings),
   * the model and `result.json` when done. Required.
   */
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

/** The defaults of the settings {@link LanguageModelRunOptions} shares (part of each run's fingerprint). */
export function languageModelSettings(options: LanguageModelRunOptions): {
  warmupRatio: number;
  weightDecay: number;
  maskProbability: number;
  maxGradNorm: number;
  seed: number;
  maxHeldOutBlocks: number;
} {
  return {
    warmupRatio: options.warmupRatio ?? 0.06,
    weightDecay: options.weightDecay ?? 0.01,
    maskProbability: options.maskProbability ?? 0.15,
    maxGradNorm: options.maxGradNorm ?? 1,
    seed: options.seed ?? 0,
    maxHeldOutBlocks: options.maxHeldOutBlocks ?? 200,
  };
}

/** What every language-model run reports (also in its folder's `result.json`). */
export interface LanguageModelRunResult {
  objective: Objective;
  steps: number;
  /** Training seconds of the session that finished the run (also for a cached result: what it cost then). */
  seconds: number;
  /** Step the last session resumed from (0 when it started fresh). */
  resumedFrom: number;
  /** True when the result came from a finished run folder. */
  cached: boolean;
  trainBlocks: number;
  lossCurve: { step: number; loss: number }[];
  /** Held-out score after training. */
  heldOut: HeldOutScore;
}

/** How documents are joined into blocks: BERT's [CLS] … [SEP] for MLM, a separator token only for CLM. */
export type BlockMarks = { cls: number; sep: number } | { separator: number };

/** The token blocks of a run's two splits. */
export interface LanguageModelBlocks {
  train: number[][];
  heldOut: number[][];
}

/**
 * Encodes both splits and packs them into blocks of `blockSize` tokens (held-out cut to `maxHeldOutBlocks`).
 * @throws {TrainingError} NOT_ENOUGH_DATA when a split gives no full block; `what` names the pipeline.
 */
export function packLanguageModelSplits(
  what: string,
  tokenizer: Tokenizer,
  texts: { train: readonly string[]; heldOut: readonly string[] },
  blocks: { blockSize: number; maxHeldOutBlocks: number; marks: BlockMarks },
): LanguageModelBlocks {
  const { blockSize, marks } = blocks;
  const pack = (split: readonly string[]) =>
    packTokenBlocks(
      split.map((t) => tokenizer.encode(t, null, { addSpecialTokens: false }).ids),
      'cls' in marks
        ? { blockSize, prefix: [marks.cls], suffix: [marks.sep], separator: [marks.sep] }
        : { blockSize, separator: [marks.separator] },
    );
  const trainBlocks = pack(texts.train);
  const heldBlocks = pack(texts.heldOut).slice(0, blocks.maxHeldOutBlocks);
  if (trainBlocks.length === 0 || heldBlocks.length === 0)
    throw new TrainingError(
      'NOT_ENOUGH_DATA',
      `${what} needs at least one block of ${blockSize} tokens in both train (${trainBlocks.length} blocks) and held-out text (${heldBlocks.length})`,
    );
  return { train: trainBlocks, heldOut: heldBlocks };
}

/** What {@link trainLanguageModel} needs besides the run's options. */
export interface LanguageModelTraining {
  model: OnnxTrainable<readonly number[]>;
  collate: Parameters<typeof heldOutScore>[3];
  objective: Objective;
  blocks: LanguageModelBlocks;
  /** The run folder's fingerprint, what `inspectRunDir` found there and the `run.json` description. */
  folder: { print: string; state: RunDirState<unknown>; description: unknown };
  /** Made once the folder is marked, just before training. */
  optimizer: () => Optimizer;
  settings: {
    batchSize: number;
    warmupRatio: number;
    maxGradNorm: number;
    seed: number;
  };
}

/** What a language-model run measured, for its result. */
export interface LanguageModelRun {
  heldOutBefore: HeldOutScore;
  heldOut: HeldOutScore;
  /** The result fields both pipelines report, in their `result.json` order. */
  summary: Pick<
    LanguageModelRunResult,
    'steps' | 'seconds' | 'resumedFrom' | 'cached' | 'trainBlocks' | 'lossCurve'
  >;
}

/**
 * Scores the held-out blocks, marks the run folder, trains with warmup + linear decay and gradient clipping
 * (checkpointing and resuming in the folder), and scores the held-out blocks again. The caller saves the model.
 */
export async function trainLanguageModel(
  run: LanguageModelTraining,
  options: LanguageModelRunOptions,
): Promise<LanguageModelRun> {
  const { model, collate, objective, settings } = run;
  const heldBlocks = run.blocks.heldOut;
  const heldOutBefore = await heldOutScore(model, heldBlocks, objective, collate);
  const folder = beginRunFolder({
    dir: options.outputDir,
    print: run.folder.print,
    description: run.folder.description,
    state: run.folder.state,
    saveSteps: options.saveSteps ?? 25,
    onStep: options.onStep,
  });
  const result = await new Trainer({
    model,
    optimizer: run.optimizer(),
    train: run.blocks.train,
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
  const seconds = folder.seconds();
  const heldOut = await heldOutScore(model, heldBlocks, objective, collate);
  return {
    heldOutBefore,
    heldOut,
    summary: {
      steps: result.steps,
      seconds,
      resumedFrom: folder.resumedFrom(result),
      cached: false,
      trainBlocks: run.blocks.train.length,
      lossCurve: folder.lossCurve(result),
    },
  };
}
