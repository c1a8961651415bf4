import { fixed, integer, meanStd } from './format';
import type { DemoResults } from './report-types';
import { DATA_SIZES, SIMILARITIES, agrees, situationAt } from './situation-map';
import { bestChoiceCellPerSize, summarizeChoiceCells } from './summarize-choice-cells';
import { summarizeCells } from './summarize-cells';
import { SUMMARY_COLUMNS, summaryRows } from './summary-table';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;

/** A Markdown table: header, alignment row (numeric columns right-aligned), rows. */
function table(
  columns: readonly { header: string; numeric?: boolean }[],
  rows: readonly (readonly string[])[],
): string {
  return [
    line(columns.map((c) => c.header)),
    line(columns.map((c) => (c.numeric ? '---:' : '---'))),
    ...rows.map(line),
  ].join('\n');
}

function spamTable(results: DemoResults): string {
  const cells = summarizeCells(results.finetuning);
  if (cells.length === 0) return '';
  return table(SUMMARY_COLUMNS, summaryRows(cells, results.data.majorityBaseline));
}

/** The similar task: the best cell of each train size against zero-shot, word pairs and chance. */
function similarTable(results: DemoResults): string {
  const task = results.similar;
  const best = bestChoiceCellPerSize(summarizeChoiceCells(task.runs));
  if (best.length === 0) return '';
  const rows = best.map((c) => [
    integer(c.trainSize),
    `${c.strategy} · ${c.init}`,
    meanStd(c.accuracy.mean, c.accuracy.std),
    fixed(task.zeroShot.pretrained),
    fixed(task.wordPairBaseline.find((b) => b.trainSize === c.trainSize)?.accuracy ?? Number.NaN),
    fixed(task.chance),
  ]);
  return [
    '**Similar task** (which of two sentences is the real one), best cell per train size:',
    '',
    table(
      [
        { header: 'train size', numeric: true },
        { header: 'best cell' },
        { header: 'accuracy (mean ± std)', numeric: true },
        { header: 'zero-shot (pretrained)', numeric: true },
        { header: 'word-pair baseline', numeric: true },
        { header: 'chance', numeric: true },
      ],
      rows,
    ),
  ].join('\n');
}

/** The lecture's 2 × 2 map: its strategy against the measured best in each situation. */
function situationTable(results: DemoResults): string {
  const { situations } = results;
  if (situations.length === 0) return '';
  const rows = DATA_SIZES.map((size) => [
    `${size} labelled data`,
    ...SIMILARITIES.map((sim) => {
      const s = situationAt(situations, sim, size);
      if (!s) return 'not measured';
      const best = fixed(s.scores[s.measuredBest] ?? Number.NaN);
      return (
        `${s.task}, n = ${integer(s.trainSize)}: lecture ${s.lectureStrategy}; ` +
        `measured ${s.measuredBest} ${best} ${agrees(s) ? '✓' : '✗'}`
      );
    }),
  ]);
  return [
    "**Situations**: the lecture's strategy vs the measured best (✓ where they agree):",
    '',
    table([{ header: '' }, ...SIMILARITIES.map((sim) => ({ header: `${sim} text` }))], rows),
  ].join('\n');
}

/**
 * The run in GitHub-flavoured Markdown, numbers right-aligned: first the fine-tuning summary (strategy ×
 * init × train size: accuracy mean ± std over seeds, mean F1, averaged bootstrap CI, min–max, collapsed
 * seeds), then the similar task's best cell per train size against its zero-shot and word-pair scores, then
 * the situation map; blocks apart by a blank line, each left out when the run has no data for it. For the
 * README and the console; an empty string when there is nothing to show.
 * @example summaryMarkdown(results)
 * // | strategy | init | train size | seeds | accuracy (mean ± std) | …
 * // | --- | --- | ---: | ---: | ---: | …
 * // | full | pretrained | 50 | 5 | 0.912 ± 0.013 | …
 */
export function summaryMarkdown(results: DemoResults): string {
  const blocks = [spamTable(results), similarTable(results), situationTable(results)].filter(
    (b) => b !== '',
  );
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
