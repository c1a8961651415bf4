import { escapeXml } from './escape-xml';
import { fixed, integer } from './format';
import { paragraph, sectionHtml } from './html-parts';
import { htmlTable } from './html-table';
import type { TableCell } from './html-table';
import type { DemoResults, Situation } from './report-types';
import {
  DATA_SIZES,
  SIMILARITIES,
  agrees,
  mapOrder,
  scoredStrategies,
  situationAt,
} from './situation-map';

/** One cell of the map: task and size, the lecture's pick, the measured best with its accuracy, agreement. */
function mapCell(s: Situation | undefined): TableCell {
  if (!s) return 'not measured';
  const best = s.scores[s.measuredBest];
  // Agreement in a symbol and words, never colour alone.
  const verdict = agrees(s)
    ? '<span class="agree">✓ agrees</span>'
    : '<span class="differs">✗ differs</span>';
  return {
    html:
      `<strong>${escapeXml(s.task)}</strong>, n = ${escapeXml(integer(s.trainSize))}<br>` +
      `lecture: ${escapeXml(s.lectureStrategy)}<br>` +
      `measured best: ${escapeXml(s.measuredBest)} (${escapeXml(fixed(best ?? Number.NaN))}) ${verdict}`,
  };
}

/** Column header of a situation in the scores table; "(n = 64)" kept on one line where it wraps. */
const situationName = (s: Situation) =>
  `${s.similarity}, ${s.size} (n\u00a0=\u00a0${integer(s.trainSize)})`;

function scoresTable(situations: readonly Situation[]): string {
  const ordered = mapOrder(situations);
  const rows = scoredStrategies(ordered).map((strategy): TableCell[] => [
    strategy,
    ...ordered.map((s): TableCell => {
      const v = s.scores[strategy];
      if (v === undefined) return '—';
      return s.measuredBest === strategy
        ? { html: `<strong>${escapeXml(fixed(v))}</strong>` }
        : fixed(v);
    }),
  ]);
  return htmlTable(
    [
      { header: 'strategy' },
      ...ordered.map((s) => ({
        header: situationName(s),
        numeric: true,
        title: `${s.task}: mean test accuracy of the pre-trained runs`,
      })),
    ],
    rows,
    {
      id: 'table-situation-scores',
      caption:
        'Mean test accuracy of the pre-trained runs per strategy; the best of each situation in bold.',
    },
  );
}

/**
 * The lecture's four data situations (similar / dissimilar text × small / large labelled data) as a 2 × 2
 * map of the recommended strategy against the measured best, then every strategy's score per situation.
 */
export function situationsHtml(results: DemoResults): string {
  const { situations } = results;
  if (situations.length === 0) {
    return sectionHtml('situations', 'Situations', [paragraph('This run has no situation map.')]);
  }
  const agreeing = situations.filter(agrees).length;
  return sectionHtml('situations', 'Situations', [
    paragraph(
      `The lecture picks a strategy by how similar the task's text is to the pre-training text and how ` +
        `much labelled data there is. Here is its pick against the strategy that scored best in this run: ` +
        `they agree in ${agreeing} of ${situations.length} situations.`,
    ),
    htmlTable(
      [
        { header: 'labelled data' },
        ...SIMILARITIES.map((sim) => ({ header: `${sim} text`, wrap: true })),
      ],
      DATA_SIZES.map((size) => [
        `${size}`,
        ...SIMILARITIES.map((sim) => mapCell(situationAt(situations, sim, size))),
      ]),
      { id: 'table-situations', className: 'situation-map' },
    ),
    scoresTable(situations),
  ]);
}
