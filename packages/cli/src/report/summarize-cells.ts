import { seedSpread } from '@nlpft/metrics';
import type { SeedSpread } from '@nlpft/metrics';
import { STRATEGIES } from '@nlpft/training';
import type { Strategy } from '@nlpft/training';
import type { FinetuneRun, Init } from './report-types';

/** Display order of inits; strategies are shown in the pipeline's order ({@link STRATEGIES}). */
export const INITS: readonly Init[] = ['pretrained', 'random'];

/** The seeds of one strategy × init × train size, summarised. */
export interface CellSummary {
  strategy: Strategy;
  init: Init;
  trainSize: number;
  /** The cell's runs, by seed. */
  runs: readonly FinetuneRun[];
  /** Accuracy over seeds (sample std, ddof 1; NaN for one seed). */
  accuracy: SeedSpread;
  /** F1 of the spam class over seeds. */
  f1: SeedSpread;
  /** Mean of the seeds' bootstrap 95% CI bounds: the test-set uncertainty of one typical run. */
  ci: [number, number];
  /** Confusion counts summed over seeds ([[tn, fp], [fn, tp]]). */
  confusion: number[][];
}

const rank = <T>(order: readonly T[], v: T) => {
  const i = order.indexOf(v);
  return i === -1 ? order.length : i;
};

/** Adds matrices of equal shape element-wise. */
function sumMatrices(ms: readonly (readonly number[])[][]): number[][] {
  const first = ms[0] ?? [];
  return first.map((row, i) => row.map((_, j) => ms.reduce((a, m) => a + (m[i]?.[j] ?? 0), 0)));
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Groups fine-tuning runs into cells (strategy × init × train size) and summarises each over its seeds,
 * in display order: strategies as in {@link STRATEGIES}, pretrained before random, smaller train size first.
 * @throws {MetricsError} `INVALID_INPUT` (from `seedSpread`) when a run's accuracy or F1 is not finite.
 */
export function summarizeCells(runs: readonly FinetuneRun[]): CellSummary[] {
  const cells = new Map<string, FinetuneRun[]>();
  for (const r of runs) {
    const key = `${r.strategy}\u0000${r.init}\u0000${r.trainSize}`;
    const list = cells.get(key) ?? [];
    list.push(r);
    cells.set(key, list);
  }
  const out = [...cells.values()].map((list): CellSummary => {
    const sorted = [...list].sort((a, b) => a.seed - b.seed);
    const first = sorted[0]!;
    return {
      strategy: first.strategy,
      init: first.init,
      trainSize: first.trainSize,
      runs: sorted,
      accuracy: seedSpread(sorted.map((r) => r.accuracy)),
      f1: seedSpread(sorted.map((r) => r.f1)),
      ci: [mean(sorted.map((r) => r.accuracyCi[0])), mean(sorted.map((r) => r.accuracyCi[1]))],
      confusion: sumMatrices(sorted.map((r) => r.confusion)),
    };
  });
  return out.sort(
    (a, b) =>
      rank(STRATEGIES, a.strategy) - rank(STRATEGIES, b.strategy) ||
      a.strategy.localeCompare(b.strategy) ||
      rank(INITS, a.init) - rank(INITS, b.init) ||
      a.trainSize - b.trainSize,
  );
}

/** The cells with the highest and lowest mean accuracy (the first on ties); undefined for no cells. */
export function bestAndWorst(
  cells: readonly CellSummary[],
): { best: CellSummary; worst: CellSummary } | undefined {
  if (cells.length === 0) return undefined;
  let best = cells[0]!;
  let worst = cells[0]!;
  for (const c of cells) {
    if (c.accuracy.mean > best.accuracy.mean) best = c;
    if (c.accuracy.mean < worst.accuracy.mean) worst = c;
  }
  return { best, worst };
}

/** A cell's name for labels: "full · pretrained · 200". */
export function cellName(c: Pick<CellSummary, 'strategy' | 'init' | 'trainSize'>): string {
  return `${c.strategy} · ${c.init} · ${c.trainSize}`;
}
