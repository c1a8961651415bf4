import type { FinetuneRun, Init, InstabilityRecipe } from '@nlpft/cli';
import { classificationScores, finetuneClassifier } from '@nlpft/training';
import type { Strategy } from '@nlpft/training';
import type { Tokenizer } from '@nlpft/tokenizers';
import { eta } from './eta';
import { mean, std } from './findings';
import type { DemoPlan } from './plan';
import { allItems, runRobustness, splitOutputs } from './run-robustness';
import type { TestVariants } from './run-robustness';
import type { Mail } from './spam-data';

/** One cell of the grid to run. */
interface Job {
  strategy: Strategy;
  init: Init;
  trainSize: number;
  seed: number;
}

/** Shared inputs of every fine-tuning run. */
export interface FinetuneContext {
  plan: DemoPlan;
  tokenizer: Tokenizer;
  /** The pre-trained GPT-2 whose body starts the 'pretrained' runs (GPT-1 style fine-tuning). */
  pretrainedPath: string;
  train: Map<number, Mail[]>;
  test: Mail[];
  /** Perturbed copies of `test`, item for item, scored by the same fine-tuned models (robustness). */
  perturbed: { name: string; items: Mail[] }[];
  signal: AbortSignal;
  log: (line: string) => void;
}

/**
 * One fine-tuning run, scored on the test split and (robustness) its perturbed copies in the same pass: the model
 * is the same, so the clean scores are those of a clean-only run.
 */
export async function runJob(
  c: FinetuneContext,
  job: Job,
  recipe: {
    optimizer: 'adamw' | 'bertadam';
    schedule: 'linear' | 'constant';
    learningRate?: number;
  },
  pretrainedPath = c.pretrainedPath,
): Promise<FinetuneRun> {
  const variants: TestVariants<Mail> = { clean: c.test, perturbed: c.perturbed };
  const r = await finetuneClassifier({
    tokenizer: c.tokenizer,
    train: c.train.get(job.trainSize)!,
    test: allItems(variants),
    model: { ...c.plan.model, dropout: 0.1 },
    architecture: 'gpt2',
    pretrained: job.init === 'pretrained' ? pretrainedPath : undefined,
    strategy: job.strategy,
    epochs: c.plan.epochs(job.trainSize),
    batchSize: c.plan.batchSize,
    learningRate: recipe.learningRate ?? c.plan.learningRate(job.strategy),
    optimizer: recipe.optimizer,
    schedule: recipe.schedule,
    seed: job.seed,
    signal: c.signal,
  });
  const yTrue = c.test.map((m) => m.label);
  // finetuneClassifier scored every copy; the clean scores are recomputed on the clean part alone.
  const [predictions] = splitOutputs(variants, r.predictions);
  const clean = classificationScores(yTrue, predictions!);
  const probabilities = r.scores.map((s) => [1 - s, s]);
  return {
    ...job,
    accuracy: clean.accuracy,
    precision: clean.precision,
    recall: clean.recall,
    f1: clean.f1,
    confusion: clean.confusion,
    accuracyCi: clean.accuracyCi,
    lossCurve: r.lossCurve,
    seconds: r.seconds,
    robustness: runRobustness(variants, yTrue, r.predictions, probabilities),
  };
}

/** Every strategy × init × training size × seed, with a progress line per run. */
export async function finetuneGrid(c: FinetuneContext): Promise<FinetuneRun[]> {
  const jobs: Job[] = [];
  for (const trainSize of c.plan.trainSizes)
    for (const strategy of c.plan.strategies)
      for (const init of ['pretrained', 'random'] as const)
        for (const seed of c.plan.seeds) jobs.push({ strategy, init, trainSize, seed });
  const runs: FinetuneRun[] = [];
  const started = Date.now();
  for (const job of jobs) {
    const run = await runJob(c, job, { optimizer: 'adamw', schedule: 'linear' });
    runs.push(run);
    c.log(
      `  [${runs.length}/${jobs.length}] ${job.strategy.padEnd(18)} ${job.init.padEnd(10)} n=${String(job.trainSize).padEnd(4)} seed ${job.seed}: accuracy ${run.accuracy.toFixed(3)} F1 ${run.f1.toFixed(3)} (${run.seconds.toFixed(1)} s) eta ${eta(runs.length, jobs.length, started)}`,
    );
  }
  return runs;
}

/**
 * The seed spread of full fine-tuning on the small set: BERTAdam (no bias correction, constant learning rate, no
 * warmup) against AdamW with 10% warmup and linear decay (taken from the grid when it ran those seeds).
 */
export async function instabilityStage(
  c: FinetuneContext,
  grid: readonly FinetuneRun[],
  majority: number,
): Promise<InstabilityRecipe[]> {
  const trainSize = Math.min(...c.plan.trainSizes);
  const summary = (recipe: string, accuracies: number[]): InstabilityRecipe => ({
    recipe,
    accuracies,
    mean: mean(accuracies),
    std: std(accuracies),
    min: Math.min(...accuracies),
    max: Math.max(...accuracies),
    failed: accuracies.filter((a) => a <= majority).length,
  });
  const lr = c.plan.learningRate('full');
  const bert: number[] = [];
  const adamw: number[] = [];
  for (const seed of c.plan.instabilitySeeds) {
    const job: Job = { strategy: 'full', init: 'pretrained', trainSize, seed };
    const b = await runJob(c, job, {
      optimizer: 'bertadam',
      schedule: 'constant',
      learningRate: lr,
    });
    bert.push(b.accuracy);
    const fromGrid = grid.find(
      (r) =>
        r.strategy === 'full' &&
        r.init === 'pretrained' &&
        r.trainSize === trainSize &&
        r.seed === seed,
    );
    const a = fromGrid ?? (await runJob(c, job, { optimizer: 'adamw', schedule: 'linear' }));
    adamw.push(a.accuracy);
    c.log(
      `  seed ${seed}: BERTAdam ${b.accuracy.toFixed(3)}, AdamW + warmup ${a.accuracy.toFixed(3)}`,
    );
  }
  return [
    summary(`BERTAdam, no bias correction, constant lr ${lr}`, bert),
    summary(`AdamW, bias-corrected, 10% warmup + linear decay, lr ${lr}`, adamw),
  ];
}
