import { dotChartSvg } from './dot-chart-svg';
import type { DotGroup, DotSeries, ReferenceLine } from './dot-chart-svg';
import { escapeXml } from './escape-xml';
import { fixed, integer, meanStd } from './format';
import { CHART_WIDTH, figureHtml, paragraph, sectionHtml } from './html-parts';
import { htmlTable } from './html-table';
import type { TableCell } from './html-table';
import { paletteColor } from './palette';
import type { DemoResults, Init, SimilarTaskSection } from './report-types';
import type { ChoiceCell } from './summarize-choice-cells';
import { bestChoiceCellPerSize, summarizeChoiceCells } from './summarize-choice-cells';
import { INITS } from './summarize-cells';
import type { MarkerShape } from './svg-parts';

/** How many test questions the examples table shows. */
const EXAMPLES = 5;
const INIT_SERIES: Record<Init, { color: string; shape: MarkerShape }> = {
  pretrained: { color: paletteColor(0), shape: 'circle' },
  random: { color: paletteColor(1), shape: 'square' },
};
/** Px between neighbouring seeds of one series, so equal accuracies do not hide each other. */
const SEED_GAP = 7;

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** The word-pair baseline's accuracy at `size`, if the run has one. */
const wordPairAt = (task: SimilarTaskSection, size: number) =>
  task.wordPairBaseline.find((b) => b.trainSize === size)?.accuracy;

function accuracyTable(task: SimilarTaskSection, cells: readonly ChoiceCell[], sizes: number[]) {
  const best = new Set(bestChoiceCellPerSize(cells));
  const rows: TableCell[][] = [];
  for (const strategy of uniq(cells.map((c) => c.strategy))) {
    for (const init of INITS) {
      const own = cells.filter((c) => c.strategy === strategy && c.init === init);
      if (own.length === 0) continue;
      rows.push([
        strategy,
        init,
        ...sizes.map((size): TableCell => {
          const c = own.find((x) => x.trainSize === size);
          if (!c) return '—';
          const text = `${meanStd(c.accuracy.mean, c.accuracy.std)} (${c.runs.length})`;
          // The best cell of each size in bold, as the spam summary highlights its best row.
          return best.has(c) ? { html: `<strong>${escapeXml(text)}</strong>` } : text;
        }),
      ]);
    }
  }
  const reference = (name: string, init: string, value: (size: number) => number | undefined) =>
    rows.push([name, init, ...sizes.map((s) => fixed(value(s) ?? Number.NaN))]);
  reference('zero-shot likelihood', 'pretrained', () => task.zeroShot.pretrained);
  reference('zero-shot likelihood', 'random', () => task.zeroShot.random);
  reference('word-pair naive Bayes', '—', (s) => wordPairAt(task, s));
  reference('chance', '—', () => task.chance);
  return htmlTable(
    [
      { header: 'strategy' },
      { header: 'init' },
      ...sizes.map((s) => ({
        header: `n = ${integer(s)}`,
        numeric: true,
        title: 'Test accuracy, mean ± sample std over seeds (seeds in brackets)',
      })),
    ],
    rows,
    {
      id: 'table-similar',
      caption:
        'Test accuracy by strategy and init per training size; the last four rows are references that fine-tune nothing.',
    },
  );
}

function seedChart(task: SimilarTaskSection, cells: readonly ChoiceCell[], size: number): string {
  const own = cells.filter((c) => c.trainSize === size);
  const inits = INITS.filter((i) => own.some((c) => c.init === i));
  const series: DotSeries[] = inits.map((init) => ({
    key: init,
    label: init,
    ...INIT_SERIES[init],
  }));
  const groups: DotGroup[] = uniq(own.map((c) => c.strategy)).map((strategy) => ({
    label: strategy,
    points: own
      .filter((c) => c.strategy === strategy)
      .flatMap((c) =>
        c.runs.map((r, k) => ({
          series: c.init,
          value: r.accuracy,
          dx: (k - (c.runs.length - 1) / 2) * SEED_GAP,
          note: `seed ${r.seed}`,
        })),
      ),
  }));
  const references: ReferenceLine[] = [
    { value: task.zeroShot.pretrained, label: 'zero-shot (pretrained)', dash: '2 3' },
  ];
  const wordPair = wordPairAt(task, size);
  if (wordPair !== undefined) {
    references.push({ value: wordPair, label: 'word-pair baseline', dash: '8 3 2 3' });
  }
  const svg = dotChartSvg(groups, {
    series,
    title: `Similar task: accuracy of every seed, n = ${integer(size)}`,
    yLabel: 'accuracy',
    baseline: { value: task.chance, label: 'chance' },
    references,
    width: CHART_WIDTH,
    height: 340,
  });
  return figureHtml(
    `similar-${size}`,
    svg,
    'One dot per seed; colour and shape: init. Lines: zero-shot likelihood of the pre-trained LM, the ' +
      'word-pair baseline at this size, and chance.',
  );
}

/**
 * The similar (acceptability) task: what it is, mean ± std accuracy per strategy × init and train size
 * with zero-shot, word-pair and chance references, a per-seed dot chart per size, and a few examples.
 */
export function similarHtml(results: DemoResults): string {
  const task = results.similar;
  const intro = paragraph(
    `${task.description} ${integer(task.testSize)} test questions; chance is ${fixed(task.chance)}. ` +
      `Zero-shot: pick the sentence the language model finds more likely, with no fine-tuning ` +
      `(pretrained ${fixed(task.zeroShot.pretrained)}, random init ${fixed(task.zeroShot.random)}).`,
  );
  const cells = summarizeChoiceCells(task.runs);
  if (cells.length === 0) {
    return sectionHtml('similar', 'Similar task', [
      intro,
      paragraph('This run has no similar-task results.'),
    ]);
  }
  const sizes = uniq(cells.map((c) => c.trainSize)).sort((a, b) => a - b);
  const examples = task.examples.slice(0, EXAMPLES);
  return sectionHtml('similar', 'Similar task', [
    intro,
    paragraph(
      'Strategies: the four with a new linear head on the language model (full, head-only, ' +
        "freeze-bottom, gradual-unfreezing), and likelihood: fine-tuning the model's own " +
        'log-likelihood score of each sentence.',
    ),
    accuracyTable(task, cells, sizes),
    ...sizes.map((s) => seedChart(task, cells, s)),
    examples.length
      ? htmlTable(
          [
            { header: '#', numeric: true },
            { header: 'real sentence', wrap: true },
            { header: 'corrupted twin', wrap: true },
          ],
          examples.map((e, i) => [String(i + 1), e.real, e.corrupted]),
          {
            id: 'table-similar-examples',
            className: 'samples',
            caption: 'Test questions: the real sentence and the same words locally reordered',
          },
        )
      : paragraph('No examples recorded.', 'muted'),
  ]);
}
