import { barChartSvg } from './bar-chart-svg';
import { escapeHtml } from './escape-html';
import { formatPrediction, formatRate } from './format-rate';
import type { FailureExample, SuiteResult, TestResult } from './types';

/** Horizontal bars, one per test, width ∝ failure rate; tests with nothing tested get no bar and "n/a". */
function failureChart(tests: readonly TestResult[]): string {
  const bars = tests.map((t) => ({
    label: t.name,
    value: t.failureRate,
    title: `${t.name}: ${t.failures}/${t.n} failed`,
  }));
  return barChartSvg(bars, 'failure rate per test', '#c0392b');
}

function exampleItem(e: FailureExample): string {
  const original = `<q>${escapeHtml(e.original)}</q> → ${escapeHtml(formatPrediction(e.originalPrediction))}`;
  if (e.perturbed === undefined) return `<li>${original}, expected ${e.expectedLabel}</li>`;
  const perturbed = `<q>${escapeHtml(e.perturbed)}</q> → ${escapeHtml(formatPrediction(e.perturbedPrediction!))}`;
  return `<li>${original}; ${perturbed}</li>`;
}

function testRow(t: TestResult): string {
  const examples =
    t.examples.length === 0 ? '' : `<ul>${t.examples.map(exampleItem).join('')}</ul>`;
  const cells = [
    escapeHtml(t.name),
    escapeHtml(t.capability ?? ''),
    t.kind.toUpperCase(),
    String(t.n),
    String(t.failures),
    formatRate(t.failureRate),
  ];
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}<td>${examples}</td></tr>`;
}

/**
 * The suite result as a self-contained HTML `<section>`: a heading, an inline-SVG bar chart of failure rates and
 * a table with the failing examples. Every text from the suite is escaped, so it is safe to embed in a report.
 * @example writeFileSync('report.html', `<!doctype html><meta charset="utf-8">${suiteResultHtml(result)}`);
 */
export function suiteResultHtml(result: SuiteResult): string {
  const head = ['test', 'capability', 'kind', 'n', 'failures', 'failure rate', 'failing examples'];
  return [
    `<section class="nlpft-behavior">`,
    `<h2>Behavioural tests: ${escapeHtml(result.name)}</h2>`,
    `<p>Seed ${result.seed}; ${result.tests.length} tests.</p>`,
    failureChart(result.tests),
    `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`,
    `<tbody>${result.tests.map(testRow).join('')}</tbody></table>`,
    `</section>`,
  ].join('\n');
}
