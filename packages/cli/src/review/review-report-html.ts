import { dotChartSvg } from '../report/dot-chart-svg';
import { escapeXml } from '../report/escape-xml';
import { fixed } from '../report/format';
import { figureHtml, htmlPage, paragraph, sectionHtml } from '../report/html-parts';
import { htmlTable } from '../report/html-table';
import { REPORT_CSS } from '../report/report-css';
import type { LabelAgreement, RateWithInterval, ReviewReport } from './review-report';

const rate = (r: RateWithInterval | null): string =>
  r === null ? '—' : `${fixed(r.value)} [${fixed(r.lower)}, ${fixed(r.upper)}]`;

const kappa = (k: number | null | undefined): string =>
  k === null || k === undefined ? 'undefined' : fixed(k);

function ssaSection(report: ReviewReport): string {
  const pct = Math.round(report.bootstrap.confidence * 1000) / 10;
  const table = htmlTable(
    [
      { header: 'system' },
      { header: 'rated items', numeric: true },
      { header: 'ratings', numeric: true },
      { header: 'sensibleness', numeric: true },
      { header: 'specificity', numeric: true },
      { header: 'SSA', numeric: true, title: 'sensibleness and specificity average' },
    ],
    report.systems.map((s) => [
      s.system,
      `${s.ratedItems} / ${s.items}`,
      s.ratings,
      rate(s.sensibleness),
      rate(s.specificity),
      rate(s.ssa),
    ]),
    { id: 'ssa-table', caption: `value [${pct}% bootstrap interval]` },
  );
  const rated = report.systems.filter((s) => s.ssa !== null);
  const series = [
    { key: 'sensibleness', label: 'sensibleness' },
    { key: 'specificity', label: 'specificity' },
    { key: 'ssa', label: 'SSA' },
  ] as const;
  const chart =
    rated.length === 0
      ? paragraph('No ratings yet.', 'notice')
      : figureHtml(
          'ssa',
          dotChartSvg(
            rated.map((s) => ({
              label: s.system,
              points: series.map(({ key }) => {
                const r = s[key] as RateWithInterval;
                return { series: key, value: r.value, interval: [r.lower, r.upper] as const };
              }),
            })),
            { series, yLabel: 'rate', yDomain: [0, 1], intervalLabel: `${pct}% CI`, width: 880 },
          ),
          `Sensibleness, specificity and SSA per system; whiskers are ${pct}% bootstrap intervals over items.`,
        );
  return sectionHtml('ssa', 'Sensibleness and specificity', [
    paragraph(
      'An item counts as sensible (specific) when a strict majority of its raters said so (a tie is no); an output that is not sensible is not specific (Adiwardana et al. 2020).',
      'muted',
    ),
    table,
    chart,
  ]);
}

function agreementSection(report: ReviewReport): string {
  const a = report.agreement;
  if (a === null)
    return sectionHtml('agreement', 'Agreement', [
      paragraph('Agreement needs two raters who rated the same items.', 'notice'),
    ]);
  const two = a.raters.length === 2;
  const row = (name: string, l: LabelAgreement) =>
    two ? [name, kappa(l.cohenKappa), kappa(l.fleissKappa)] : [name, kappa(l.fleissKappa)];
  return sectionHtml('agreement', 'Agreement', [
    paragraph(
      `Over the ${a.items} items rated by ${two ? 'both' : `all ${a.raters.length}`} raters (${a.raters.join(', ')}).`,
    ),
    htmlTable(
      [
        { header: 'label' },
        ...(two ? [{ header: "Cohen's kappa", numeric: true }] : []),
        { header: "Fleiss' kappa", numeric: true },
      ],
      [row('sensible', a.sensible), row('specific', a.specific)],
      { id: 'agreement-table' },
    ),
  ]);
}

function commentsSection(report: ReviewReport): string {
  if (report.comments.length === 0)
    return sectionHtml('comments', 'Comments', [paragraph('No comments.', 'muted')]);
  return sectionHtml('comments', 'Comments', [
    htmlTable(
      [
        { header: 'item' },
        { header: 'system' },
        { header: 'rater' },
        { header: 'comment', wrap: true },
      ],
      report.comments.map((c) => [c.itemId, c.system, c.rater, c.comment]),
      { id: 'comments-table' },
    ),
  ]);
}

/**
 * The report as one self-contained HTML page (the demo report's stylesheet, inline SVG, no script): SSA per
 * system as a table and a dot chart with intervals, the agreement, and every comment. All text is escaped.
 */
export function reviewReportHtml(report: ReviewReport): string {
  const title = `nlpft review — SSA of ${report.systems.length} systems`;
  return htmlPage(title, REPORT_CSS, [
    `<header id="report-header"><h1>${escapeXml(title)}</h1>`,
    paragraph(
      `${report.items} items, ${report.ratings} ratings by ${report.raters.length} raters (${report.raters.join(', ') || 'none'}); items file sha256 ${report.itemsSha256.slice(0, 12)}…; ${report.bootstrap.samples} bootstrap resamples, seed ${report.bootstrap.seed}.`,
      'meta',
    ),
    '</header>',
    ssaSection(report),
    agreementSection(report),
    commentsSection(report),
  ]);
}
