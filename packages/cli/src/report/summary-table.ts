import { fixed, meanStd, range } from './format';
import type { TableColumn } from './html-table';
import type { CellSummary } from './summarize-cells';

/** Columns of the fine-tuning summary, shared by the HTML table and the Markdown one. */
export const SUMMARY_COLUMNS: readonly TableColumn[] = [
  { header: 'strategy' },
  { header: 'init' },
  { header: 'train size', numeric: true },
  { header: 'seeds', numeric: true },
  {
    header: 'accuracy (mean ± std)',
    numeric: true,
    title: 'Mean and sample standard deviation over seeds',
  },
  { header: 'F1 (mean)', numeric: true, title: 'F1 of the spam class, mean over seeds' },
  {
    header: '95% CI',
    numeric: true,
    title: "Bootstrap 95% interval of one run's test accuracy, bounds averaged over seeds",
  },
  { header: 'min–max', numeric: true, title: 'Lowest and highest seed accuracy' },
  {
    header: 'collapsed',
    numeric: true,
    title: 'Seeds no better than always predicting the majority class',
  },
];

/**
 * One row of text cells per cell summary, in {@link SUMMARY_COLUMNS} order. A seed "collapsed" when its
 * accuracy is at most `majorityBaseline`.
 */
export function summaryRows(cells: readonly CellSummary[], majorityBaseline: number): string[][] {
  return cells.map((c) => [
    c.strategy,
    c.init,
    String(c.trainSize),
    String(c.runs.length),
    meanStd(c.accuracy.mean, c.accuracy.std),
    fixed(c.f1.mean),
    range(c.ci[0], c.ci[1]),
    range(c.accuracy.min, c.accuracy.max),
    String(c.runs.filter((r) => r.accuracy <= majorityBaseline).length),
  ]);
}
