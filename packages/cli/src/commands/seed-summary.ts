import { seedSpread } from '@nlpft/metrics';
import { formatDuration } from '../cli/progress';
import type { ClassificationScores, FinetuneResult } from '@nlpft/training';

/** A metric over seeds: mean, sample standard deviation (n − 1; 0 for one seed), min and max. */
export interface MetricSpread {
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** The spread of each metric over the seeds of `nlpft finetune`. */
export interface SeedSummary {
  seeds: number;
  accuracy: MetricSpread;
  precision: MetricSpread;
  recall: MetricSpread;
  f1: MetricSpread;
}

/**
 * Mean, sample standard deviation (Bessel's n − 1, as numpy's `std(ddof=1)`; 0 for one seed, where metrics says
 * `null`), min and max, from `seedSpread` of @nlpft/metrics.
 */
function spread(values: readonly number[]): MetricSpread {
  const { mean, std, min, max } = seedSpread(values, { ddof: 1 });
  return { mean, std: std ?? 0, min, max };
}

/** The spread of accuracy, precision, recall and F1 over runs. */
export function seedSummary(runs: readonly ClassificationScores[]): SeedSummary {
  const of = (key: 'accuracy' | 'precision' | 'recall' | 'f1') => spread(runs.map((r) => r[key]));
  return {
    seeds: runs.length,
    accuracy: of('accuracy'),
    precision: of('precision'),
    recall: of('recall'),
    f1: of('f1'),
  };
}

const f4 = (x: number): string => x.toFixed(4);

/** `seed 1: accuracy 0.9375 (95% CI 0.8750–1.0000)  precision …  recall …  F1 …  loss 0.69 → 0.12, 20 steps in 0:01`. */
export function formatRunLine(
  seed: number,
  r: ClassificationScores & Pick<FinetuneResult, 'lossCurve' | 'steps' | 'seconds'>,
): string {
  const first = r.lossCurve[0]?.loss;
  const last = r.lossCurve.at(-1)?.loss;
  const loss =
    first !== undefined && last !== undefined
      ? `loss ${first.toFixed(3)} → ${last.toFixed(3)}, `
      : '';
  return (
    `seed ${seed}: accuracy ${f4(r.accuracy)} (95% CI ${f4(r.accuracyCi[0])}–${f4(r.accuracyCi[1])})  ` +
    `precision ${f4(r.precision)}  recall ${f4(r.recall)}  F1 ${f4(r.f1)}  ` +
    `(${loss}${r.steps} steps in ${formatDuration(r.seconds * 1000)})`
  );
}

/** The instability view: each metric's mean ± sample std and range over the seeds. */
export function formatSeedSummary(s: SeedSummary): string {
  const row = (name: string, m: MetricSpread): string =>
    `  ${name.padEnd(9)} ${f4(m.mean)} ± ${f4(m.std)}  (min ${f4(m.min)}, max ${f4(m.max)})`;
  return [
    `over ${s.seeds} seeds (mean ± sample std):`,
    row('accuracy', s.accuracy),
    row('precision', s.precision),
    row('recall', s.recall),
    row('F1', s.f1),
  ].join('\n');
}
