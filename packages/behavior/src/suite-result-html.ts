import { escapeHtml } from './escape-html';
import { formatPrediction, formatRate } from './format-rate';
import type { FailureExample, SuiteResult, TestResult } from './types';

const BAR_HEIGHT = 18;
const LABEL_WIDTH = 220;
const BAR_WIDTH = 300;

/** Horizontal bars, one per test, width ∝ failure rate; tests with nothing tested get no bar and "n/a". */
function failureChart(tests: readonly TestResult[]): string {
  const height = tests.length * (BAR_HEIGHT + 6) + 6;
  const width = LABEL_WIDTH + BAR_WIDTH + 60;
  const bars = tests.map((t, i) => {
    const y = 6 + i * (BAR_HEIGHT + 6);
    const w = t.failureRate === null ? 0 : Math.round(t.failureRate * BAR_WIDTH * 10) / 10;
    const name = escapeHtml(t.name);
    return (
      `<g><title>${name}: ${t.failures}/${t.n} failed</title>` +
      `<text x="${LABEL_WIDTH - 6}" y="${y + 13}" text-anchor="end" font-size="12">${name}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="#eee"/>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${w}" height="${BAR_HEIGHT}" fill="#c0392b"/>` +
      `<text x="${LABEL_WIDTH + BAR_WIDTH + 6}" y="${y + 13}" font-size="12">${formatRate(t.failureRate)}</text></g>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="failure rate per test" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">` +
    `${bars.join('')}</svg>`
  );
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
