import { fixed, integer } from './format';
import { htmlTable } from './html-table';
import { paragraph, sectionHtml } from './html-parts';
import type { DemoResults } from './report-types';
import type { CellSummary } from './summarize-cells';
import { SUMMARY_COLUMNS, summaryRows } from './summary-table';

/** Row indices of the best cell of each train size. */
function bestPerSize(cells: readonly CellSummary[]): number[] {
  const best = new Map<number, number>();
  cells.forEach((c, i) => {
    const b = best.get(c.trainSize);
    if (b === undefined || c.accuracy.mean > cells[b]!.accuracy.mean) best.set(c.trainSize, i);
  });
  return [...best.values()];
}

/** The summary table of every fine-tuning cell, best cell per train size highlighted. */
export function summaryHtml(results: DemoResults, cells: readonly CellSummary[]): string {
  const { data } = results;
  if (cells.length === 0) {
    return sectionHtml('summary', 'Summary', [paragraph('This run has no fine-tuning results.')]);
  }
  return sectionHtml('summary', 'Summary', [
    paragraph(
      `Spam vs ham accuracy on ${integer(data.spamTestSize)} test messages; always answering the majority ` +
        `class scores ${fixed(data.majorityBaseline)}. Mean ± sample std over seeds; 95% CI: bootstrap ` +
        `interval of one run's accuracy, averaged over seeds; collapsed: seeds no better than the majority ` +
        `class. The best cell of each train size is highlighted.`,
    ),
    htmlTable(SUMMARY_COLUMNS, summaryRows(cells, data.majorityBaseline), {
      id: 'table-summary',
      highlightRows: bestPerSize(cells),
    }),
  ]);
}
