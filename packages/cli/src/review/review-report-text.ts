import type { LabelAgreement, RateWithInterval, ReviewReport } from './review-report';

const rate = (r: RateWithInterval | null): string =>
  r === null ? '—' : `${r.value.toFixed(3)} [${r.lower.toFixed(3)}, ${r.upper.toFixed(3)}]`;

const kappa = (k: number | null | undefined): string =>
  k === null || k === undefined ? 'undefined (every rating the same)' : k.toFixed(3);

function agreementLine(name: string, a: LabelAgreement, two: boolean): string {
  const cohen = two ? `Cohen's kappa ${kappa(a.cohenKappa)}, ` : '';
  return `  ${name}: ${cohen}Fleiss' kappa ${kappa(a.fleissKappa)}`;
}

/**
 * The report as text: one row per system (rated items, sensibleness, specificity, SSA with their intervals),
 * then the agreement and the number of comments.
 */
export function reviewReportText(report: ReviewReport): string {
  const pct = Math.round(report.bootstrap.confidence * 1000) / 10;
  const header = ['system', 'rated', 'sensibleness', 'specificity', 'SSA'];
  const rows = report.systems.map((s) => [
    s.system,
    `${s.ratedItems}/${s.items}`,
    rate(s.sensibleness),
    rate(s.specificity),
    rate(s.ssa),
  ]);
  const widths = header.map((h, j) =>
    Math.max(h.length, ...rows.map((r) => (r[j] as string).length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, j) => c.padEnd(widths[j] as number))
      .join('  ')
      .trimEnd();
  const out = [
    `${report.items} items, ${report.ratings} ratings by ${report.raters.length} rater${report.raters.length === 1 ? '' : 's'}` +
      (report.raters.length > 0 ? ` (${report.raters.join(', ')})` : '') +
      `; ${pct}% bootstrap intervals from ${report.bootstrap.samples} resamples of the items (seed ${report.bootstrap.seed})`,
    'an item is sensible (specific) when a strict majority of its raters said so; a tie is no',
    '',
    line(header),
    ...rows.map(line),
    '',
  ];
  const a = report.agreement;
  if (a === null) out.push('agreement: needs two raters who rated the same items');
  else {
    const two = a.raters.length === 2;
    out.push(
      `agreement over the ${a.items} items rated by ${two ? 'both' : `all ${a.raters.length}`} raters (${a.raters.join(', ')}):`,
    );
    out.push(
      agreementLine('sensible', a.sensible, two),
      agreementLine('specific', a.specific, two),
    );
  }
  out.push(
    `${report.comments.length} comment${report.comments.length === 1 ? '' : 's'} (in --json and --html)`,
    '',
  );
  return out.join('\n');
}
