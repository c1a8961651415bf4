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

/** The strategy whose pre-trained runs score best on average at one training size. */
export function bestPretrainedStrategy(runs: readonly Run[], trainSize: number): string {
  const scores = new Map<string, number[]>();
  for (const r of runs)
    if (r.trainSize === trainSize && r.init === 'pretrained')
      scores.set(r.strategy, [...(scores.get(r.strategy) ?? []), r.accuracy]);
  return [...scores].reduce((a, b) => (mean(b[1]) > mean(a[1]) ? b : a))[0];
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
  const scores: Record<string, number> = {};
  for (const strategy of new Set(runs.map((r) => r.strategy)))
    scores[strategy] = mean(
      runs
        .filter(
          (r) => r.strategy === strategy && r.init === 'pretrained' && r.trainSize === trainSize,
        )
        .map((r) => r.accuracy),
    );
  const measuredBest = Object.entries(scores).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
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
