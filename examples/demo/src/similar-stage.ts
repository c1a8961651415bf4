import type { ChoiceRun, ChoiceStrategy, Init, SimilarTaskSection } from '@nlpft/cli';
import { accuracyScore } from '@nlpft/metrics';
import { finetuneChoice } from '@nlpft/training';
import type { ChoiceQuestion, FinetuneChoiceOptions } from '@nlpft/training';
import type { Tokenizer } from '@nlpft/tokenizers';
import { acceptabilitySplits } from './acceptability-data';
import { eta } from './eta';
import { mean } from './findings';
import { WORD_PERTURBATIONS, perturbWords } from './perturb-words';
import type { DemoPlan } from './plan';
import { allItems, runRobustness, splitOutputs } from './run-robustness';
import type { TestVariants } from './run-robustness';
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

/** Both sentences of each question perturbed the same way (equal words change equally), so the answer stays. */
export function perturbedQuestions(test: readonly ChoiceQuestion[]): TestVariants<ChoiceQuestion> {
  return {
    clean: test,
    perturbed: WORD_PERTURBATIONS.map((p) => ({
      name: p.name,
      items: test.map((q) => ({ ...q, choices: q.choices.map((c) => perturbWords(c, p)) })),
    })),
  };
}

/**
 * The zero-shot likelihood accuracy of the starting weights on the clean questions. A run at learning rate 0
 * scores every copy with weights that never move (AdamW's step and decay both scale with the rate), so its
 * predictions are the zero-shot ones item by item; its own `zeroShotAccuracy` over all copies must agree.
 * @throws {Error} when it does not: the weights moved or the scoring differs.
 */
async function zeroShotOnClean(
  base: Omit<FinetuneChoiceOptions, 'test' | 'scoring' | 'strategy' | 'epochs' | 'learningRate'>,
  variants: TestVariants<ChoiceQuestion>,
): Promise<{ clean: number; all: number }> {
  const items = allItems(variants);
  const r = await finetuneChoice({
    ...base,
    train: base.train.slice(0, 1),
    test: items,
    scoring: 'lm-likelihood',
    strategy: 'full',
    epochs: 1,
    learningRate: 0,
  });
  const all = accuracyScore(
    items.map((q) => q.label),
    r.predictions,
  );
  if (r.zeroShotAccuracy === undefined || Math.abs(all - r.zeroShotAccuracy) > 1e-12)
    throw new Error(
      `zero-shot pass: accuracy ${all} at learning rate 0 differs from its zero-shot score ${r.zeroShotAccuracy}`,
    );
  const [clean] = splitOutputs(variants, r.predictions);
  return {
    clean: accuracyScore(
      variants.clean.map((q) => q.label),
      clean!,
    ),
    all,
  };
}

/**
 * The similar side of the lecture's map: which of two sentences from held-out SOTU / Moby-Dick documents is the
 * real one (the other: the same words with a local change of order). Every strategy × init × size × seed, the
 * zero-shot likelihood score of the same models, and a word-pair baseline.
 */
export async function similarStage(
  c: SimilarContext,
): Promise<{ section: SimilarTaskSection; test: ChoiceQuestion[] }> {
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
  // Zero-shot scores by init and seed: the runs score the perturbed copies too, so their own zero-shot number
  // covers every copy; the clean one comes from a pass at learning rate 0 (checked against theirs).
  const zeroShotPasses = new Map<string, { clean: number; all: number }>();
  const variants = perturbedQuestions(data.test);
  const yTrue = data.test.map((q) => q.label);
  const started = Date.now();
  for (const job of jobs) {
    const strategy = job.strategy === 'likelihood' ? undefined : job.strategy;
    const base = {
      tokenizer: c.tokenizer,
      train: data.train.get(job.trainSize)!,
      model: { ...plan.model, dropout: 0.1 },
      pretrained: job.init === 'pretrained' ? c.pretrainedPath : undefined,
      batchSize: plan.batchSize / 2,
      seed: job.seed,
      signal: c.signal,
    };
    const r = await finetuneChoice({
      ...base,
      test: allItems(variants),
      scoring: strategy === undefined ? 'lm-likelihood' : 'linear',
      strategy: strategy ?? 'full',
      epochs: plan.similarEpochs(job.trainSize),
      learningRate:
        strategy === undefined ? plan.likelihoodLearningRate : plan.learningRate(strategy),
    });
    let zeroShotClean: number | undefined;
    if (r.zeroShotAccuracy !== undefined) {
      const key = `${job.init}/${job.seed}`;
      const pass = zeroShotPasses.get(key) ?? (await zeroShotOnClean(base, variants));
      zeroShotPasses.set(key, pass);
      if (Math.abs(pass.all - r.zeroShotAccuracy) > 1e-12)
        throw new Error(
          `zero-shot of ${key}: ${r.zeroShotAccuracy} in the run, ${pass.all} in the learning-rate-0 pass`,
        );
      zeroShotClean = pass.clean;
      zeroShot[job.init].push(pass.clean);
    }
    const [predictions] = splitOutputs(variants, r.predictions);
    const accuracy = accuracyScore(yTrue, predictions!);
    runs.push({
      ...job,
      accuracy,
      lossCurve: r.lossCurve,
      seconds: r.seconds,
      robustness: runRobustness(variants, yTrue, r.predictions, r.probabilities),
    });
    c.log(
      `  [${runs.length}/${jobs.length}] ${job.strategy.padEnd(18)} ${job.init.padEnd(10)} n=${String(job.trainSize).padEnd(4)} seed ${job.seed}: accuracy ${accuracy.toFixed(3)}${zeroShotClean === undefined ? '' : ` (zero-shot ${zeroShotClean.toFixed(3)})`} (${r.seconds.toFixed(1)} s) eta ${eta(runs.length, jobs.length, started)}`,
    );
  }
  const section: SimilarTaskSection = {
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
  return { section, test: data.test };
}
