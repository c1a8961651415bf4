import type {
  ChoiceRun,
  DataSize,
  DemoResults,
  FinetuneRun,
  Situation,
  Similarity,
} from '@nlpft/cli';
import { mean } from './findings';

/** What the lecture recommends in each of its four data situations. */
export const LECTURE_STRATEGY: Readonly<Record<Similarity, Readonly<Record<DataSize, string>>>> = {
  // Little data like the pre-training text: the features fit already; keep them and train a new layer.
  similar: { small: 'head-only', large: 'full' },
  // Little data unlike it: keep the general lower layers, tune the rest; much data: tune everything.
  dissimilar: { small: 'freeze-bottom', large: 'full' },
};

type Run = Pick<FinetuneRun | ChoiceRun, 'strategy' | 'init' | 'trainSize' | 'seed' | 'accuracy'>;

/**
 * Pre-trained and random-init accuracies of runs that share everything else (strategy, seed) at one training size;
 * with `strategy`, only that strategy's runs (pairs by seed).
 */
export function transferPairs(
  runs: readonly Run[],
  trainSize: number,
  strategy?: string,
): { pre: number[]; rnd: number[] } {
  const pre: number[] = [];
  const rnd: number[] = [];
  for (const p of runs)
    if (
      p.trainSize === trainSize &&
      p.init === 'pretrained' &&
      (strategy === undefined || p.strategy === strategy)
    ) {
      const r = runs.find(
        (x) =>
          x.init === 'random' &&
          x.trainSize === trainSize &&
          x.strategy === p.strategy &&
          x.seed === p.seed,
      );
      if (r !== undefined) {
        pre.push(p.accuracy);
        rnd.push(r.accuracy);
      }
    }
  return { pre, rnd };
}

/** Mean accuracy of the pre-trained runs per strategy at one training size. */
export function pretrainedMeans(runs: readonly Run[], trainSize: number): Record<string, number> {
  const accuracies = new Map<string, number[]>();
  for (const r of runs)
    if (r.trainSize === trainSize && r.init === 'pretrained')
      accuracies.set(r.strategy, [...(accuracies.get(r.strategy) ?? []), r.accuracy]);
  return Object.fromEntries([...accuracies].map(([strategy, a]) => [strategy, mean(a)]));
}

/** The key of the largest value (the first on a tie). */
export function argMax(scores: Readonly<Record<string, number>>): string {
  return Object.entries(scores).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/** The strategy whose pre-trained runs score best on average at one training size. */
export function bestPretrainedStrategy(runs: readonly Run[], trainSize: number): string {
  return argMax(pretrainedMeans(runs, trainSize));
}

/** The sizes of a grid as the lecture's 'small' and (when there are two) 'large'. */
export function sizeLabels(sizes: readonly number[]): [DataSize, number][] {
  const small = Math.min(...sizes);
  const large = Math.max(...sizes);
  return large > small
    ? [
        ['small', small],
        ['large', large],
      ]
    : [['small', small]];
}

function situation(
  similarity: Similarity,
  size: DataSize,
  trainSize: number,
  task: string,
  runs: readonly Run[],
): Situation {
  const scores = pretrainedMeans(runs, trainSize);
  const measuredBest = argMax(scores);
  return {
    similarity,
    size,
    trainSize,
    task,
    lectureStrategy: LECTURE_STRATEGY[similarity][size],
    measuredBest,
    scores,
  };
}

/** The lecture's map filled with this run: the best pre-trained strategy per cell next to the recommended one. */
export function situations(r: Omit<DemoResults, 'findings' | 'situations'>): Situation[] {
  return [
    ...sizeLabels(r.similar.trainSizes).map(([size, n]) =>
      situation('similar', size, n, `acceptability (${n} questions)`, r.similar.runs),
    ),
    ...sizeLabels(r.data.spamTrainSizes).map(([size, n]) =>
      situation('dissimilar', size, n, `spam vs ham (${n} mails)`, r.finetuning),
    ),
  ];
}
