import {
  CausalLmScorer,
  FeatureExtractor,
  SequenceClassifier,
  TextGenerator,
} from '@nlpft/inference';
import type {
  ClassifierInput,
  DecodingTokenizerLike,
  GenerateOptions,
  ModelRunner,
  Pooling,
} from '@nlpft/inference';
import { CliError } from '../cli/errors';
import { splitPair } from './tokenize';

/** The `--task` values of `nlpft predict`. */
export const PREDICT_TASKS = ['classify', 'features', 'generate', 'score'] as const;
export type PredictTask = (typeof PREDICT_TASKS)[number];

/** The options of `nlpft predict` the tasks read. */
export interface PredictTaskOptions {
  readonly pair: boolean;
  readonly batchSize: number;
  readonly truncation: boolean;
  readonly maxLength: number | undefined;
  readonly labels: string | undefined;
  readonly multiLabel: boolean;
  readonly pooling: Pooling;
  readonly normalize: boolean;
  readonly maxNewTokens: number;
  readonly doSample: boolean;
  readonly temperature: number | undefined;
  readonly topK: number | undefined;
  readonly topP: number | undefined;
  readonly repetitionPenalty: number | undefined;
  readonly seed: number | undefined;
  readonly stop: readonly string[];
  readonly bosToken: string | undefined;
}

/** Turns a chunk of input lines into output records (one per line, in order). */
export type ChunkRunner = (lines: readonly string[], firstLine: number) => Promise<object[]>;

const PROG = 'nlpft predict';

/** Copies the options that were given, leaving the rest to the task's defaults. */
function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function classifier(
  model: ModelRunner,
  tokenizer: DecodingTokenizerLike,
  o: PredictTaskOptions,
): ChunkRunner {
  const clf = new SequenceClassifier(model, tokenizer, {
    truncation: o.truncation,
    // Without --multi-label, config.json's problem_type decides.
    ...(o.multiLabel ? { problemType: 'multi_label' as const } : {}),
    ...defined({ maxLength: o.maxLength, labels: o.labels?.split(',').map((l) => l.trim()) }),
  });
  return async (lines, firstLine) => {
    const inputs: ClassifierInput[] = o.pair
      ? lines.map((line, i) => splitPair(line, firstLine + i, PROG))
      : [...lines];
    const results = await clf.classify(inputs, { batchSize: o.batchSize });
    return results.map((r) => ({
      label: r.label,
      index: r.index,
      score: r.score,
      probabilities: Object.fromEntries(
        Array.from(r.probabilities, (p, k) => [clf.labelName(k), p]),
      ),
    }));
  };
}

function extractor(
  model: ModelRunner,
  tokenizer: DecodingTokenizerLike,
  o: PredictTaskOptions,
): ChunkRunner {
  const fx = new FeatureExtractor(model, tokenizer, {
    truncation: o.truncation,
    ...defined({ maxLength: o.maxLength }),
  });
  return async (lines) => {
    const vectors = await fx.extract(lines, {
      pooling: o.pooling,
      normalize: o.normalize,
      batchSize: o.batchSize,
    });
    return vectors.map((v) => ({ embedding: Array.from(v) }));
  };
}

function generator(
  model: ModelRunner,
  tokenizer: DecodingTokenizerLike,
  o: PredictTaskOptions,
): ChunkRunner {
  const gen = new TextGenerator(model, tokenizer);
  const options: GenerateOptions = {
    maxNewTokens: o.maxNewTokens,
    doSample: o.doSample,
    stopStrings: o.stop,
    ...defined({
      temperature: o.temperature,
      topK: o.topK,
      topP: o.topP,
      repetitionPenalty: o.repetitionPenalty,
      seed: o.seed,
    }),
  };
  return async (lines) => {
    const out: object[] = [];
    // Generation runs one prompt at a time (the inference package does not batch it).
    for (const prompt of lines) {
      const r = await gen.generate(prompt, options);
      out.push({ prompt, text: r.text, ids: r.ids, finishReason: r.finishReason });
    }
    return out;
  };
}

function scorer(
  model: ModelRunner,
  tokenizer: DecodingTokenizerLike,
  o: PredictTaskOptions,
): ChunkRunner {
  let bosTokenId: number | undefined;
  if (o.bosToken !== undefined) {
    bosTokenId = tokenizer.tokenToId(o.bosToken);
    if (bosTokenId === undefined) {
      throw new CliError(
        'INVALID_OPTION',
        `${PROG}: --bos-token ${JSON.stringify(o.bosToken)} is not in the tokenizer's vocabulary`,
      );
    }
  }
  const lm = new CausalLmScorer(model, tokenizer, defined({ bosTokenId }));
  return async (lines) => {
    const scores = await lm.score(lines, { batchSize: o.batchSize });
    return scores.map((s) => ({
      ids: s.ids,
      tokenLogProbs: Array.from(s.tokenLogProbs),
      nll: s.nll,
      perplexity: s.perplexity,
    }));
  };
}

/**
 * Builds the runner of one task; the task class checks the model here (missing inputs or outputs throw its
 * `InferenceError`, naming what the model has).
 */
export function createTaskRunner(
  task: PredictTask,
  model: ModelRunner,
  tokenizer: DecodingTokenizerLike,
  options: PredictTaskOptions,
): ChunkRunner {
  switch (task) {
    case 'classify':
      return classifier(model, tokenizer, options);
    case 'features':
      return extractor(model, tokenizer, options);
    case 'generate':
      return generator(model, tokenizer, options);
    case 'score':
      return scorer(model, tokenizer, options);
    default: {
      const never: never = task;
      throw new CliError('INVALID_OPTION', `${PROG}: unknown task ${String(never)}`);
    }
  }
}
