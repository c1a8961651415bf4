import type { Tokenizer } from '@nlpft/tokenizers';
import { TrainingError } from '../errors';
import { OnnxTrainable } from '../onnx-trainable';
import { Trainer } from '../trainer';
import type { TrainerProgress } from '../trainer';
import { checkPipelineOptions, checkSplit } from './check-pipeline-options';
import { choiceCollate } from './choice-collate';
import type { EncodedQuestion } from './choice-collate';
import { CHOICE_HEAD_PREFIXES, CHOICE_LOGITS, buildChoiceScorer } from './choice-graphs';
import type { ChoiceScoring } from './choice-graphs';
import { loadBody } from './load-body';
import { RECIPE_OPTION_RULES, recipeTrainerOptions } from './optimizer-recipe';
import type { OptimizerRecipe } from './optimizer-recipe';
import { predictClasses } from './predict-classes';
import { specialIds } from './special-ids';
import { STRATEGIES } from './strategy-plan';
import type { Strategy } from './strategy-plan';
import { BODY_PREFIXES } from './tiny-models';
import type { TinyModelConfig } from './tiny-models';

/** A question with candidate answers; `context` (optional) comes before each choice. */
export interface ChoiceQuestion {
  context?: string;
  choices: readonly string[];
  /** Index of the right choice. */
  label: number;
}

/** Options of {@link finetuneChoice}. */
export interface FinetuneChoiceOptions extends OptimizerRecipe {
  tokenizer: Tokenizer;
  train: readonly ChoiceQuestion[];
  test: readonly ChoiceQuestion[];
  /** Size of the GPT-2; must match the pre-trained model. `blockSize` is the longest sequence (longer ones are cut). */
  model: TinyModelConfig;
  /** A CLM `model.onnx` from {@link pretrainLanguageModel} whose weights start the run; omit for random init. */
  pretrained?: string;
  /** 'lm-likelihood' (score with the LM head, fine-tuned) or 'linear' (GPT-1's new linear head). */
  scoring: ChoiceScoring;
  /** What trains: with 'lm-likelihood' the "head" is the final LayerNorm (the LM head is the tied embeddings). */
  strategy: Strategy;
  /** Layers kept frozen (with the embeddings) by 'freeze-bottom'. @defaultValue half of the layers, at least 1 */
  freezeLayers?: number;
  /** 'linear' only: the state the head reads. @defaultValue 'last' (GPT-1's extract token) */
  pooling?: 'last' | 'mean';
  /** 'lm-likelihood' only: mean log-probability per token instead of the sum. @defaultValue false */
  lengthNormalized?: boolean;
  epochs: number;
  /** Questions per batch. @defaultValue 8 */
  batchSize?: number;
  /** @defaultValue 1 */
  maxGradNorm?: number;
  /** @defaultValue 0 */
  seed?: number;
  signal?: AbortSignal;
  /** Progress after every log step (see `TrainerOptions.onProgress`). */
  onProgress?: (progress: TrainerProgress) => void;
}

/** What {@link finetuneChoice} measured on the test questions. */
export interface FinetuneChoiceResult {
  accuracy: number;
  /** 1 / number of choices. */
  chance: number;
  /** 'lm-likelihood' only: the test accuracy of the starting weights, before any step (the zero-shot score). */
  zeroShotAccuracy?: number;
  predictions: number[];
  /** Softmax over each question's choices. */
  probabilities: number[][];
  lossCurve: { step: number; loss: number }[];
  steps: number;
  seconds: number;
}

const questionProblem =
  (count: () => number) =>
  (q: unknown): string | undefined => {
    const x = q as Partial<ChoiceQuestion> | null;
    if (typeof x !== 'object' || x === null) return 'is not an object';
    if (x.context !== undefined && typeof x.context !== 'string')
      return 'has a context that is not a string';
    if (!Array.isArray(x.choices) || x.choices.some((c) => typeof c !== 'string'))
      return 'needs choices: an array of strings';
    if (x.choices.length < 2 || x.choices.length !== count())
      return `has ${x.choices.length} choices; every question needs the same number, at least 2`;
    if (!(Number.isInteger(x.label) && x.label! >= 0 && x.label! < x.choices.length))
      return `has label ${String(x.label)}, not a choice index`;
    return undefined;
  };

/**
 * Fine-tunes a tiny GPT-2 on questions with candidate answers, scoring each candidate by its own sequence and
 * taking a softmax over a question's candidates: with 'lm-likelihood' the score is the pre-trained language
 * model's log-likelihood of the candidate (so a pre-trained model starts where its zero-shot ranking is, reported
 * as `zeroShotAccuracy`), with 'linear' a new linear head (GPT-1's multiple-choice recipe). Each candidate is
 * `[SEP] context choice` for the likelihood (the [SEP] that separated pre-training documents starts it, so the
 * first choice token is scored) and `context choice [SEP]` for the linear head (the [SEP] is the extract token).
 * @throws {TrainingError} INVALID_OPTION for a bad option or question; MODEL_MISMATCH when `pretrained` has another
 *   size; NON_FINITE_LOSS / INTERRUPTED from training.
 */
export async function finetuneChoice(
  options: FinetuneChoiceOptions,
): Promise<FinetuneChoiceResult> {
  const where = 'finetuneChoice';
  checkPipelineOptions(
    where,
    options,
    {
      scoring: ['lm-likelihood', 'linear'],
      strategy: STRATEGIES,
      freezeLayers: 'nonNegativeInteger',
      pooling: ['last', 'mean'],
      lengthNormalized: 'boolean',
      ...RECIPE_OPTION_RULES,
    },
    ['scoring', 'strategy', 'epochs', 'learningRate'],
  );
  const count = () => options.train[0]?.choices.length ?? 0;
  checkSplit(where, 'train', options.train, questionProblem(count));
  checkSplit(where, 'test', options.test, questionProblem(count));
  const { tokenizer, model: config, scoring, strategy } = options;
  const choices = count();
  const seed = options.seed ?? 0;
  const ids = specialIds(tokenizer);
  const L = config.blockSize;
  const tokens = (text: string | undefined) =>
    text === undefined || text === ''
      ? []
      : tokenizer.encode(text, null, { addSpecialTokens: false }).ids;
  const encode = (questions: readonly ChoiceQuestion[]): EncodedQuestion[] =>
    questions.map((q) => {
      const context = tokens(q.context);
      const rows: number[][] = [];
      const scoreFrom: number[] = [];
      for (const choice of q.choices) {
        const body = [...context, ...tokens(choice)];
        if (scoring === 'lm-likelihood') {
          rows.push([ids.sep, ...body].slice(0, L));
          // Position t predicts t + 1: the first choice token sits at 1 + context.length.
          scoreFrom.push(context.length);
        } else {
          rows.push([...body.slice(0, L - 1), ids.sep]);
          scoreFrom.push(0);
        }
      }
      return { rows, scoreFrom, label: q.label };
    });
  const train = encode(options.train);
  const test = encode(options.test);
  const unscored = train
    .concat(test)
    .find((q) => q.rows.some((r, i) => r.length - 1 <= q.scoreFrom[i]!));
  if (scoring === 'lm-likelihood' && unscored !== undefined)
    throw new TrainingError(
      'INVALID_OPTION',
      `${where}: a choice has no token left to score within blockSize ${L} (its context fills the block, or the choice is empty)`,
    );

  const graph = buildChoiceScorer(scoring, tokenizer.getVocabSize(), config, choices, {
    seed,
    pooling: options.pooling,
    lengthNormalized: options.lengthNormalized,
  });
  if (options.pretrained !== undefined) loadBody(graph, options.pretrained, BODY_PREFIXES.gpt2);
  const model = OnnxTrainable.create<EncodedQuestion>(graph, {
    collate: choiceCollate(scoring, L, ids.pad),
    isParameter: (n) => !n.startsWith('loss/'),
  });
  try {
    const accuracyOf = async () => {
      const p = await predictClasses(model, test, choices, CHOICE_LOGITS);
      const right = p.predictions.filter((x, i) => x === test[i]!.label).length;
      return { ...p, accuracy: right / test.length };
    };
    const zeroShot = scoring === 'lm-likelihood' ? (await accuracyOf()).accuracy : undefined;
    const recipe = recipeTrainerOptions(
      {
        model,
        train,
        seed,
        batchSize: options.batchSize ?? 8,
        strategy,
        layers: config.layers,
        headPrefixes: CHOICE_HEAD_PREFIXES[scoring],
      },
      options,
    );
    const started = Date.now();
    const result = await new Trainer({
      ...recipe,
      signal: options.signal,
      onProgress: options.onProgress,
    }).train();
    const seconds = (Date.now() - started) / 1000;
    const scored = await accuracyOf();
    return {
      accuracy: scored.accuracy,
      chance: 1 / choices,
      ...(zeroShot === undefined ? {} : { zeroShotAccuracy: zeroShot }),
      predictions: scored.predictions,
      probabilities: scored.probabilities,
      lossCurve: result.log.flatMap((e) =>
        e.type === 'train' ? [{ step: e.step, loss: e.loss }] : [],
      ),
      steps: result.steps,
      seconds,
    };
  } finally {
    await model.dispose();
  }
}
