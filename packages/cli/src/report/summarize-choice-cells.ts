import { seedSpread } from '@nlpft/metrics';
import type { SeedSpread } from '@nlpft/metrics';
import { STRATEGIES } from '@nlpft/training';
import type { ChoiceRun, ChoiceStrategy, Init } from './report-types';
import { INITS } from './summarize-cells';

/** Display order of the similar task's strategies: the pipeline's four, then likelihood fine-tuning. */
export const CHOICE_STRATEGIES: readonly ChoiceStrategy[] = [...STRATEGIES, 'likelihood'];

/** The seeds of one strategy × init × train size of the similar task, summarised. */
export interface ChoiceCell {
  strategy: ChoiceStrategy;
  init: Init;
  trainSize: number;
  /** The cell's runs, by seed. */
  runs: readonly ChoiceRun[];
  /** Accuracy over seeds (sample std, ddof 1; std null for one seed). */
  accuracy: SeedSpread;
}

const rank = <T>(order: readonly T[], v: T) => {
  const i = order.indexOf(v);
  return i === -1 ? order.length : i;
};

/**
 * Groups the similar task's runs into cells (strategy × init × train size), each summarised over its seeds,
 * in display order: {@link CHOICE_STRATEGIES}, pretrained before random, smaller train size first.
 * @throws {MetricsError} `INVALID_INPUT` (from `seedSpread`) when a run's accuracy is not finite.
 */
export function summarizeChoiceCells(runs: readonly ChoiceRun[]): ChoiceCell[] {
  const cells = new Map<string, ChoiceRun[]>();
  for (const r of runs) {
    const key = `${r.strategy}\u0000${r.init}\u0000${r.trainSize}`;
    cells.set(key, [...(cells.get(key) ?? []), r]);
  }
  return [...cells.values()]
    .map((list): ChoiceCell => {
      const sorted = [...list].sort((a, b) => a.seed - b.seed);
      const { strategy, init, trainSize } = sorted[0]!;
      return {
        strategy,
        init,
        trainSize,
        runs: sorted,
        accuracy: seedSpread(sorted.map((r) => r.accuracy)),
      };
    })
    .sort(
      (a, b) =>
        rank(CHOICE_STRATEGIES, a.strategy) - rank(CHOICE_STRATEGIES, b.strategy) ||
        a.strategy.localeCompare(b.strategy) ||
        rank(INITS, a.init) - rank(INITS, b.init) ||
        a.trainSize - b.trainSize,
    );
}

/** The cell with the highest mean accuracy at each train size (the first on ties), smaller sizes first. */
export function bestChoiceCellPerSize(cells: readonly ChoiceCell[]): ChoiceCell[] {
  const best = new Map<number, ChoiceCell>();
  for (const c of cells) {
    const b = best.get(c.trainSize);
    if (b === undefined || c.accuracy.mean > b.accuracy.mean) best.set(c.trainSize, c);
  }
  return [...best.values()].sort((a, b) => a.trainSize - b.trainSize);
}
