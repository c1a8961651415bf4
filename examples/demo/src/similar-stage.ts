import type { ChoiceRun, ChoiceStrategy, Init, SimilarTaskSection } from '@nlpft/cli';
import { finetuneChoice } from '@nlpft/training';
import type { Tokenizer } from '@nlpft/tokenizers';
import { acceptabilitySplits } from './acceptability-data';
import { eta } from './eta';
import { mean } from './findings';
import type { DemoPlan } from './plan';
import { wordPairBaseline } from './word-pair-baseline';

/** Inputs of the similar task. */
export interface SimilarContext {
  plan: DemoPlan;
  tokenizer: Tokenizer;
  /** The pre-trained GPT-2 (CLM) whose weights start the 'pretrained' runs. */
  pretrainedPath: string;
  heldOut: readonly string[];
  signal: AbortSignal;
  log: (line: string) => void;
}

/** The four new-head strategies and likelihood fine-tuning (the LM head's own score, every weight trained). */
export const CHOICE_STRATEGIES: readonly ChoiceStrategy[] = [
  'likelihood',
  'full',
  'head-only',
  'freeze-bottom',
  'gradual-unfreezing',
];

/**
 * The similar side of the lecture's map: which of two sentences from held-out SOTU / Moby-Dick documents is the
 * real one (the other: the same words with a local change of order). Every strategy × init × size × seed, the
 * zero-shot likelihood score of the same models, and a word-pair baseline.
 */
export async function similarStage(c: SimilarContext): Promise<SimilarTaskSection> {
  const { plan } = c;
  const data = acceptabilitySplits(c.heldOut, c.tokenizer, {
    sizes: plan.similarSizes,
    testSize: plan.similarTestSize,
    // [SEP] + the sentence must fit the GPT-2's positions.
    maxTokens: plan.model.blockSize - 1,
  });
  const jobs: { strategy: ChoiceStrategy; init: Init; trainSize: number; seed: number }[] = [];
  for (const trainSize of plan.similarSizes)
    for (const strategy of CHOICE_STRATEGIES)
      for (const init of ['pretrained', 'random'] as const)
        for (const seed of plan.similarSeeds) jobs.push({ strategy, init, trainSize, seed });
  const runs: ChoiceRun[] = [];
  const zeroShot = { pretrained: [] as number[], random: [] as number[] };
  const started = Date.now();
  for (const job of jobs) {
    const strategy = job.strategy === 'likelihood' ? undefined : job.strategy;
    const r = await finetuneChoice({
      tokenizer: c.tokenizer,
      train: data.train.get(job.trainSize)!,
      test: data.test,
      model: { ...plan.model, dropout: 0.1 },
      pretrained: job.init === 'pretrained' ? c.pretrainedPath : undefined,
      scoring: strategy === undefined ? 'lm-likelihood' : 'linear',
      strategy: strategy ?? 'full',
      epochs: plan.similarEpochs(job.trainSize),
      batchSize: plan.batchSize / 2,
      learningRate:
        strategy === undefined ? plan.likelihoodLearningRate : plan.learningRate(strategy),
      seed: job.seed,
      signal: c.signal,
    });
    if (r.zeroShotAccuracy !== undefined) zeroShot[job.init].push(r.zeroShotAccuracy);
    runs.push({ ...job, accuracy: r.accuracy, lossCurve: r.lossCurve, seconds: r.seconds });
    c.log(
      `  [${runs.length}/${jobs.length}] ${job.strategy.padEnd(18)} ${job.init.padEnd(10)} n=${String(job.trainSize).padEnd(4)} seed ${job.seed}: accuracy ${r.accuracy.toFixed(3)}${r.zeroShotAccuracy === undefined ? '' : ` (zero-shot ${r.zeroShotAccuracy.toFixed(3)})`} (${r.seconds.toFixed(1)} s) eta ${eta(runs.length, jobs.length, started)}`,
    );
  }
  return {
    description:
      `Which of two sentences is the real one: a sentence of 8–30 words from State of the Union and Moby-Dick ` +
      `documents held out of pre-training, against the same words with two adjacent swaps or a 4-word shuffle ` +
      `(first and last word kept). A bag of words cannot tell them apart; a language model can. GPT-2 scores ` +
      `each sentence (likelihood: its own log-likelihood; the other strategies: a new linear head on the last ` +
      `token) and a softmax over the two picks the answer.`,
    trainSizes: [...plan.similarSizes],
    testSize: data.test.length,
    chance: 0.5,
    zeroShot: { pretrained: mean(zeroShot.pretrained), random: mean(zeroShot.random) },
    wordPairBaseline: plan.similarSizes.map((n) => ({
      trainSize: n,
      accuracy: wordPairBaseline(data.train.get(n)!, data.test),
    })),
    runs,
    examples: data.testPairs.slice(0, 5),
  };
}
