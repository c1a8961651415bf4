import { readFileSync } from 'node:fs';
import type { Tokenizer } from '@nlpft/tokenizers';
import { TrainingError } from '../errors';
import { OnnxTrainable } from '../onnx-trainable';
import { Trainer } from '../trainer';
import type { TrainerProgress } from '../trainer';
import { classificationScores } from './classification-metrics';
import type { ClassificationScores } from './classification-metrics';
import { withLmLabels } from './classifier-lm-collate';
import { classificationCollate } from './collate';
import type { ClassificationExample } from './collate';
import { RECIPE_OPTION_RULES, recipeTrainerOptions } from './optimizer-recipe';
import type { OptimizerRecipe } from './optimizer-recipe';
import { predictClasses } from './predict-classes';
import { beginRunFolder, fingerprint, finishRun, inspectRunDir } from './run-dir';
import { loadBody } from './load-body';
import { specialIds } from './special-ids';
import { STRATEGIES } from './strategy-plan';
import type { Strategy } from './strategy-plan';
import { BODY_PREFIXES, buildClassifier } from './tiny-models';
import type { Architecture, Pooling, TinyModelConfig } from './tiny-models';
import {
  checkFolderOption,
  checkPipelineOptions,
  checkSplit,
  labelledTextProblem,
} from './check-pipeline-options';

export { STRATEGIES } from './strategy-plan';
export type { Strategy } from './strategy-plan';

/** A text and its class (0 … numLabels − 1). */
export interface LabelledText {
  text: string;
  label: number;
}

/** Options of {@link finetuneClassifier}. */
export interface FinetuneOptions extends OptimizerRecipe {
  tokenizer: Tokenizer;
  train: readonly LabelledText[];
  test: readonly LabelledText[];
  /** Encoder size; must match the pre-trained model. `blockSize` is the input length (longer texts are cut). */
  model: TinyModelConfig;
  /** 'bert' (encoder) or 'gpt2' (decoder, GPT-1 style). @defaultValue 'bert' */
  architecture?: Architecture;
  /**
   * A `model.onnx` from {@link pretrainLanguageModel} of the same architecture (MLM for BERT, CLM for GPT-2) whose
   * body weights start the classifier; omit for random init.
   */
  pretrained?: string;
  strategy: Strategy;
  /**
   * What the linear head reads: 'mean' over non-pad tokens; 'last', the last non-pad token (GPT-1's extract token,
   * the only GPT-2 state that has read the whole text; for BERT its `[SEP]`); 'cls', position 0 (BERT's `[CLS]`).
   * 'cls' is refused for 'gpt2': there position 0 is the first word, whose state has read nothing else.
   * @defaultValue 'mean'
   */
  pooling?: Pooling;
  /**
   * λ of GPT-1's auxiliary language-modelling loss (Radford et al. 2018, §3.2; 0.5 in the paper): the 'gpt2'
   * classifier keeps its LM head, tied to `transformer.wte.weight` (so `pretrained` brings it with the body), and
   * trains on classification CE + λ · causal-LM loss of the input texts, pads ignored. `lossCurve` is that sum.
   * Only for 'gpt2' (the recipe is the decoder's; BERT has no causal LM head). While the body is frozen
   * ('head-only', early 'gradual-unfreezing' stages) the LM term is a constant that only lifts the curve.
   * @defaultValue 0 (classification loss only)
   */
  lmLossWeight?: number;
  /** Transformer layers kept frozen (with the embeddings) by 'freeze-bottom'. @defaultValue half of the layers, at least 1 */
  freezeLayers?: number;
  /** @defaultValue 2 */
  numLabels?: number;
  epochs: number;
  /** @defaultValue 16 */
  batchSize?: number;
  /** Global gradient-norm clipping; `Infinity` turns it off. @defaultValue 1 */
  maxGradNorm?: number;
  /** @defaultValue 0 */
  seed?: number;
  /**
   * A folder for checkpoints: the run saves there every `saveSteps` and when `signal` aborts, and a later call with
   * the same settings resumes from it, bit for bit; a finished run is returned from it at once (`cached`).
   */
  runDir?: string;
  /** @defaultValue 50 (with runDir) */
  saveSteps?: number;
  signal?: AbortSignal;
  /** Progress after every log step (see `TrainerOptions.onProgress`). */
  onProgress?: (progress: TrainerProgress) => void;
  /** Called after each optimizer step (1 … `steps`). */
  onStep?: (step: number) => void;
}

/** What a fine-tuning run measured on the test split. */
export interface FinetuneResult extends ClassificationScores {
  predictions: number[];
  /** Softmax probability of label 1 per test item. */
  scores: number[];
  lossCurve: { step: number; loss: number }[];
  steps: number;
  seconds: number;
  /** Step the run resumed from (0 when fresh). */
  resumedFrom: number;
  /** True when the result came from a finished `runDir`. */
  cached: boolean;
}

/**
 * Fine-tunes a tiny BERT or GPT-2 classifier (mean, last-token or [CLS] pooling + linear head; for GPT-2 optionally
 * with GPT-1's auxiliary LM loss) with one strategy — everything, only the new head,
 * all but the embeddings and bottom layers, or ULMFiT gradual unfreezing (head first, then one layer down per stage,
 * stages spread over the run) — from a pre-trained encoder or from random weights, and scores the test split.
 * @throws {TrainingError} MODEL_MISMATCH when the pre-trained model lacks an encoder weight or has another size;
 *   INVALID_OPTION for an empty train/test split, a label outside 0 … numLabels − 1, `lmLossWeight` that is not a
 *   finite number ≥ 0 or is > 0 with 'bert', or `pooling: 'cls'` with 'gpt2'. {@link TrainingError} NON_FINITE_LOSS / INTERRUPTED.
 */
export async function finetuneClassifier(options: FinetuneOptions): Promise<FinetuneResult> {
  const where = 'finetuneClassifier';
  checkPipelineOptions(
    where,
    options,
    {
      strategy: STRATEGIES,
      architecture: ['bert', 'gpt2'],
      pooling: ['mean', 'last', 'cls'],
      lmLossWeight: 'nonNegative',
      freezeLayers: 'nonNegativeInteger',
      numLabels: 'positiveInteger',
      ...RECIPE_OPTION_RULES,
      saveSteps: 'positiveInteger',
    },
    ['strategy', 'epochs', 'learningRate'],
  );
  checkSplit(where, 'train', options.train, labelledTextProblem);
  checkSplit(where, 'test', options.test, labelledTextProblem);
  checkFolderOption(where, 'runDir', options.runDir);
  const { tokenizer, model: config, strategy } = options;
  if (options.train.length === 0 || options.test.length === 0)
    throw new TrainingError('INVALID_OPTION', 'fine-tuning needs non-empty train and test splits');
  const ids = specialIds(tokenizer);
  const seed = options.seed ?? 0;
  const numLabels = options.numLabels ?? 2;
  // A label outside the head's range would only fail deep inside onnxruntime's loss kernel (or silently).
  const stray = [...options.train, ...options.test].find(
    (e) => !(Number.isInteger(e.label) && e.label >= 0 && e.label < numLabels),
  );
  if (stray !== undefined)
    throw new TrainingError(
      'INVALID_OPTION',
      `label ${stray.label} (text ${JSON.stringify(stray.text.slice(0, 40))}) is not an integer in 0 … ${numLabels - 1}; map labels to 0 … numLabels − 1 or raise numLabels`,
    );
  const architecture = options.architecture ?? 'bert';
  const pooling = options.pooling ?? 'mean';
  const lmLossWeight = options.lmLossWeight ?? 0;
  checkHead(architecture, pooling, lmLossWeight);
  const print = options.runDir === undefined ? '' : runFingerprint(options);
  const state =
    options.runDir === undefined ? undefined : inspectRunDir<FinetuneResult>(options.runDir, print);
  if (state?.kind === 'done') return { ...state.result, cached: true };
  const graph = buildClassifier(architecture, tokenizer.getVocabSize(), config, numLabels, seed, {
    pooling,
    lmLossWeight,
  });
  if (options.pretrained !== undefined)
    loadBody(graph, options.pretrained, BODY_PREFIXES[architecture]);

  const L = config.blockSize;
  const encode = (items: readonly LabelledText[]): ClassificationExample[] =>
    items.map((e) => {
      const body = tokenizer.encode(e.text, null, { addSpecialTokens: false }).ids.slice(0, L - 2);
      // BERT reads [CLS] text [SEP]; GPT-2 was pre-trained on raw text with [SEP] between documents.
      return {
        ids: architecture === 'bert' ? [ids.cls, ...body, ids.sep] : [...body, ids.sep],
        label: e.label,
      };
    });
  const train = encode(options.train);
  const test = encode(options.test);
  const classify = classificationCollate(L, ids.pad, architecture === 'bert');
  const collate = lmLossWeight > 0 ? withLmLabels(classify) : classify;
  const model = OnnxTrainable.create<ClassificationExample>(graph, {
    collate,
    isParameter: (n) => !n.startsWith('loss/'),
  });
  try {
    const recipe = recipeTrainerOptions(
      {
        model,
        train,
        seed,
        batchSize: options.batchSize ?? 16,
        strategy,
        layers: config.layers,
        headPrefixes: ['classifier.'],
        // BertAdam's per-parameter clipping (now its default) stays off here (0), so the demo's BERTAdam-vs-AdamW
        // seed study keeps its published numbers until it is rerun with the true defaults.
        bertAdamMaxGradNorm: 0,
      },
      options,
    );
    const folder = beginRunFolder({
      dir: options.runDir,
      print,
      description: { strategy, architecture },
      state,
      saveSteps: options.saveSteps ?? 50,
      onStep: options.onStep,
    });
    const result = await new Trainer({
      ...recipe,
      ...folder.trainer,
      signal: options.signal,
      onProgress: options.onProgress,
    }).train();
    const seconds = folder.seconds();
    const { predictions, scores } = await predictClasses(model, test, numLabels);
    const out: FinetuneResult = {
      ...classificationScores(
        test.map((e) => e.label),
        predictions,
        { numLabels },
      ),
      predictions,
      scores,
      lossCurve: folder.lossCurve(result),
      steps: result.steps,
      seconds,
      resumedFrom: folder.resumedFrom(result),
      cached: false,
    };
    if (options.runDir !== undefined) finishRun(options.runDir, out);
    return out;
  } finally {
    await model.dispose();
  }
}

/**
 * The head settings that do not fit the body.
 * @throws {TrainingError} INVALID_OPTION naming the option.
 */
function checkHead(architecture: Architecture, pooling: Pooling, lmLossWeight: number): void {
  if (architecture === 'bert' && lmLossWeight > 0)
    throw new TrainingError(
      'INVALID_OPTION',
      `finetuneClassifier: lmLossWeight ${lmLossWeight} needs architecture 'gpt2': the auxiliary LM loss is GPT-1's recipe for a decoder with a causal LM head; use 0 with 'bert'`,
    );
  if (architecture === 'gpt2' && pooling === 'cls')
    throw new TrainingError(
      'INVALID_OPTION',
      "finetuneClassifier: pooling 'cls' with architecture 'gpt2' would classify from the first word alone (a causal model's position 0 has read only itself); use 'last' (GPT-1's extract token) or 'mean'",
    );
}

/** What a run folder is keyed on: every setting that changes the result, the vocabulary, the data, the body file. */
function runFingerprint(o: FinetuneOptions): string {
  const body =
    o.pretrained === undefined
      ? null
      : { path: o.pretrained, bytes: fingerprint(readFileSync(o.pretrained).toString('base64')) };
  return fingerprint({
    settings: [
      o.model,
      o.architecture,
      o.strategy,
      o.freezeLayers,
      o.numLabels,
      o.epochs,
      o.batchSize,
    ],
    optimizer: [
      o.learningRate,
      o.optimizer,
      o.warmupRatio,
      o.schedule,
      o.weightDecay,
      o.maxGradNorm,
      o.seed,
    ],
    data: [fingerprint(o.train), fingerprint(o.test)],
    vocab: o.tokenizer.getVocab(),
    body,
    // Only when set, so run folders of earlier versions (mean pooling, no LM loss) still match.
    ...((o.pooling ?? 'mean') !== 'mean' || (o.lmLossWeight ?? 0) !== 0
      ? { head: [o.pooling ?? 'mean', o.lmLossWeight ?? 0] }
      : {}),
  });
}
