import { join } from 'node:path';
import { graphToModel, writeModelFile, writeWeights } from '@nlpft/onnx';
import { OnnxTrainable } from '../onnx-trainable';
import { AdamW } from '../optimizer';
import type { Tokenizer } from '@nlpft/tokenizers';
import { causalLmCollate, maskedLmCollate } from './collate';
import type { HeldOutScore } from './held-out-lm';
import {
  languageModelSettings,
  packLanguageModelSplits,
  trainLanguageModel,
} from './language-model-run';
import type { LanguageModelRunOptions, LanguageModelRunResult } from './language-model-run';
import { fingerprint, finishRun, inspectRunDir } from './run-dir';
import { specialIds } from './special-ids';
import { buildLanguageModel, parameterCount } from './tiny-models';
import type { Objective, TinyModelConfig } from './tiny-models';

/** Options of {@link pretrainLanguageModel}. */
export interface PretrainOptions extends LanguageModelRunOptions {
  objective: Objective;
  /** A WordPiece tokenizer with [CLS], [SEP], [PAD] and [MASK]. */
  tokenizer: Tokenizer;
  /** Training documents (packed into blocks of `model.blockSize`). */
  train: readonly string[];
  /** Held-out documents for the perplexity before and after. */
  heldOut: readonly string[];
  model: TinyModelConfig;
  /** @defaultValue 32 */
  batchSize?: number;
  /** Peak learning rate of AdamW. @defaultValue 2e-3 */
  learningRate?: number;
  /** Run folder: `model.onnx` + `result.json` when done, checkpoints under `train/` while training. Required. */
  outputDir: string;
}

/** What a pre-training run produced (also `result.json` in its folder). */
export interface PretrainResult extends LanguageModelRunResult {
  /** The trained forward model (`logits`), runnable by @nlpft/inference. */
  modelPath: string;
  vocabSize: number;
  model: TinyModelConfig;
  parameters: number;
  /** Held-out score of the freshly initialised model. */
  heldOutAtInit: HeldOutScore;
}

/**
 * Pre-trains a tiny BERT (masked LM) or GPT-2 (next-token prediction) from scratch on packed token blocks with
 * AdamW, warmup + linear decay and gradient clipping, and scores held-out text before and after. The run folder
 * is a cache: a finished run with the same configuration returns at once (`cached: true`); an interrupted one
 * resumes from its last checkpoint, bit for bit as if never stopped.
 * @throws {TrainingError} NOT_ENOUGH_DATA when the text gives no full block; UNKNOWN_TOKEN for a tokenizer without
 *   the special tokens. {@link TrainingError} INTERRUPTED when `signal` aborts.
 */
export async function pretrainLanguageModel(options: PretrainOptions): Promise<PretrainResult> {
  const { objective, tokenizer, model: config, outputDir } = options;
  const ids = specialIds(tokenizer);
  const vocabSize = tokenizer.getVocabSize();
  const settings = {
    objective,
    vocab: tokenizer.getVocab(),
    config,
    steps: options.steps,
    batchSize: options.batchSize ?? 32,
    learningRate: options.learningRate ?? 2e-3,
    ...languageModelSettings(options),
    train: fingerprint(options.train),
    heldOut: fingerprint(options.heldOut),
  };
  const { seed } = settings;
  const print = fingerprint(settings);
  const state = inspectRunDir<PretrainResult>(outputDir, print);
  if (state.kind === 'done') return { ...state.result, cached: true };

  const blocks = packLanguageModelSplits('pretraining', tokenizer, options, {
    blockSize: config.blockSize,
    maxHeldOutBlocks: settings.maxHeldOutBlocks,
    marks: objective === 'mlm' ? { cls: ids.cls, sep: ids.sep } : { separator: ids.sep },
  });

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
    const run = await trainLanguageModel(
      {
        model,
        collate,
        objective,
        blocks,
        folder: { print, state, description: { objective, config, steps: options.steps } },
        optimizer: () =>
          new AdamW(model.params, {
            learningRate: settings.learningRate,
            weightDecay: settings.weightDecay,
          }),
        settings,
      },
      options,
    );
    const modelPath = join(outputDir, 'model.onnx');
    writeModelFile(modelPath, graphToModel(writeWeights(forward, model.params)));
    const out: PretrainResult = {
      objective,
      modelPath,
      vocabSize,
      model: config,
      parameters: parameterCount(forward),
      ...run.summary,
      heldOutAtInit: run.heldOutBefore,
      heldOut: run.heldOut,
    };
    finishRun(outputDir, out);
    return out;
  } finally {
    await model.dispose();
  }
}
