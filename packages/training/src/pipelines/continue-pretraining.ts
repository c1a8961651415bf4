import { join } from 'node:path';
import { addCausalLmLoss, addMaskedLmHead, addSoftmaxCrossEntropyLoss } from '@nlpft/onnx';
import type { BatchTensor, Graph } from '@nlpft/onnx';
import type { Tokenizer } from '@nlpft/tokenizers';
import { TrainingError } from '../errors';
import { OnnxTrainable } from '../onnx-trainable';
import { AdamW } from '../optimizer';
import { weightDecayGroups } from '../param-groups';
import { fromPretrained } from '../pretrained/from-pretrained';
import type { PretrainedModel } from '../pretrained/from-pretrained';
import { savePretrained } from '../pretrained/save-pretrained';
import type { StepContext } from '../types';
import { causalLmCollate, maskedLmCollate } from './collate';
import type { Collate } from './collate';
import type { HeldOutScore } from './held-out-lm';
import {
  languageModelSettings,
  packLanguageModelSplits,
  trainLanguageModel,
} from './language-model-run';
import type { LanguageModelRunOptions, LanguageModelRunResult } from './language-model-run';
import { fingerprint, finishRun, inspectRunDir } from './run-dir';
import type { SpecialIds } from './special-ids';
import type { Objective } from './tiny-models';
import { checkFolderOption, checkPipelineOptions, checkSplit } from './check-pipeline-options';

/** Options of {@link continuePretraining}. */
export interface ContinuePretrainingOptions extends LanguageModelRunOptions {
  /** A Hugging Face folder: an encoder body export (feature extraction) for MLM, a GPT-2 LM export for CLM. */
  model: string | PretrainedModel;
  /** Unlabelled text of the target domain, packed into blocks. */
  train: readonly string[];
  /** Held-out text of the same domain: perplexity before and after. */
  heldOut: readonly string[];
  /** Tokens per block (with [CLS]/[SEP] for MLM). @defaultValue 128 */
  blockSize?: number;
  /** @defaultValue 16 */
  batchSize?: number;
  /** @defaultValue 5e-5 */
  learningRate?: number;
  /**
   * Run folder: checkpoints under `train/` (resumed by the next call with the same settings), `result.json` and the
   * model folder `model/` when done.
   */
  outputDir: string;
}

/** What a continued pre-training run produced (also `result.json` in its folder). */
export interface ContinuePretrainingResult extends LanguageModelRunResult {
  /** The Hugging Face folder written: a body export for encoders (the MLM head is dropped), the LM for GPT-2. */
  modelDir: string;
  /** Held-out score of the model as it came. */
  heldOutAtStart: HeldOutScore;
}

/**
 * Continues pre-training a Hugging Face model on text of the target domain (the lecture's remedy when the task's text
 * is unlike the pre-training data): masked-LM for an encoder body (BERT's 15 % / 80-10-10 corruption through a new
 * `cls.predictions` head tied to the word embeddings), next-token prediction for a GPT-2 LM export, with AdamW,
 * warmup and linear decay. Held-out perplexity is scored before and after; the result is written as a model folder
 * that {@link finetunePretrained} takes. The run folder caches and resumes as {@link pretrainLanguageModel}'s does.
 * @throws {TrainingError} `INVALID_OPTION` for an export that cannot be trained this way (a classifier export, a GPT-2
 *   body); `UNKNOWN_TOKEN` when the tokenizer lacks a special token MLM needs; `NOT_ENOUGH_DATA` for less than a block.
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
    ...languageModelSettings(options),
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
  const blocks = packLanguageModelSplits('continued pre-training', tokenizer, options, {
    blockSize: settings.blockSize,
    maxHeldOutBlocks: settings.maxHeldOutBlocks,
    marks: ids !== undefined ? ids : { separator: gpt2EndOfText(tokenizer) },
  });

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
    const run = await trainLanguageModel(
      {
        model: trainable,
        collate,
        objective,
        blocks,
        folder: {
          print,
          state,
          description: { objective, model: model.dir, steps: options.steps },
        },
        optimizer: () =>
          new AdamW(trainable.params, {
            learningRate: settings.learningRate,
            groups: weightDecayGroups(Object.keys(trainable.params), {
              weightDecay: settings.weightDecay,
              graph,
            }),
          }),
        settings,
      },
      options,
    );
    const modelDir = join(options.outputDir, 'model');
    // An encoder goes back as the body it came as: what fine-tuning puts a head on.
    savePretrained(model, trainable.toGraph(), modelDir, {
      outputs: objective === 'mlm' ? ['last_hidden_state'] : model.outputs,
    });
    const out: ContinuePretrainingResult = {
      objective,
      modelDir,
      ...run.summary,
      heldOutAtStart: run.heldOutBefore,
      heldOut: run.heldOut,
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
      'UNKNOWN_TOKEN',
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
      'UNKNOWN_TOKEN',
      "the GPT-2 tokenizer has no '<|endoftext|>' token to separate documents",
    );
  return id;
}
