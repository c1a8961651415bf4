import { htmlPage } from './html-parts';
import { dateTime } from './format';
import { REPORT_CSS } from './report-css';
import type { DemoResults } from './report-types';
import { finetuningHtml } from './section-finetuning';
import { findingsHtml } from './section-findings';
import { generationHtml } from './section-generation';
import { headerHtml } from './section-header';
import { instabilityHtml } from './section-instability';
import { continuedPretrainingHtml } from './section-continued-pretraining';
import { pretrainingHtml } from './section-pretraining';
import { robustnessHtml } from './section-robustness';
import { similarHtml } from './section-similar';
import { situationsHtml } from './section-situations';
import { summaryHtml } from './section-summary';
import { summarizeCells } from './summarize-cells';

/**
 * Renders everything `pnpm demo` measured as one self-contained HTML page: inline CSS and SVG, no script,
 * no external requests. Sections (by `id`): `report-header`, `findings`, `summary`, `similar`, `situations`,
 * `pretraining`, `finetuning`, `instability`, `robustness`, `continued-pretraining`, `generation`; each chart is a `<figure data-chart="…">`, each table has an `id`.
 * All text from `results` is escaped.
 * @throws {CliError} `INVALID_CHART_DATA` when a curve has a non-finite point.
 * @throws {MetricsError} `INVALID_INPUT` when a run's accuracy or F1 is not finite.
 * @example await writeFile('report.html', renderReport(results));
 */
export function renderReport(results: DemoResults): string {
  const cells = summarizeCells(results.finetuning);
  const title = `nlpft demo report — ${results.meta.mode} mode, ${dateTime(results.meta.createdAt)}`;
  return htmlPage(title, REPORT_CSS, [
    headerHtml(results),
    findingsHtml(results.findings),
    summaryHtml(results, cells),
    similarHtml(results),
    situationsHtml(results),
    pretrainingHtml(results),
    finetuningHtml(results, cells),
    instabilityHtml(results),
    robustnessHtml(results),
    continuedPretrainingHtml(results),
    generationHtml(results),
    `<footer>Rendered by <code>@nlpft/cli</code> <code>renderReport</code>; the numbers are in <code>results.json</code> and the verdicts in <code>findings.json</code> beside this page.</footer>`,
  ]);
}
