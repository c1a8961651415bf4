import type { DemoResults } from './report-types';
import { summarizeCells } from './summarize-cells';
import { SUMMARY_COLUMNS, summaryRows } from './summary-table';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The fine-tuning summary as a GitHub-flavoured Markdown table (strategy × init × train size: accuracy
 * mean ± std over seeds, mean F1, averaged bootstrap CI, min–max, collapsed seeds), numbers right-aligned.
 * For the README and the console; an empty string when there are no fine-tuning runs.
 * @example summaryMarkdown(results)
 * // | strategy | init | train size | seeds | accuracy (mean ± std) | …
 * // | --- | --- | ---: | ---: | ---: | …
 * // | full | pretrained | 50 | 5 | 0.912 ± 0.013 | …
 */
export function summaryMarkdown(results: DemoResults): string {
  const cells = summarizeCells(results.finetuning);
  if (cells.length === 0) return '';
  const rows = summaryRows(cells, results.data.majorityBaseline);
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [
    line(SUMMARY_COLUMNS.map((c) => c.header)),
    line(SUMMARY_COLUMNS.map((c) => (c.numeric ? '---:' : '---'))),
    ...rows.map(line),
  ]
    .join('\n')
    .concat('\n');
}
