import { barChartSvg } from './bar-chart-svg';
import { escapeHtml } from './escape-html';
import { formatRate } from './format-rate';
import type { SliceAccuracy } from './types';

/** Internal: accuracy bars, one per slice; empty slices get no bar and "n/a". */
export function sliceChart(slices: readonly SliceAccuracy[]): string {
  const bars = slices.map((s) => ({
    label: s.name,
    value: s.accuracy,
    title: `${s.name}: ${s.correct}/${s.n} correct`,
  }));
  return barChartSvg(bars, 'accuracy per slice', '#2e7d32');
}

/**
 * Slice accuracies as an HTML `<section>` in the style of `suiteResultHtml`: a heading, an inline-SVG bar chart
 * of accuracy per slice and a table of n, correct, accuracy and error rate. All text is escaped.
 * @example sliceAccuracyHtml(sliceAccuracy(test, predictions, lengthSlices([10, 30])), { title: 'By length' })
 */
export function sliceAccuracyHtml(
  slices: readonly SliceAccuracy[],
  options: { /** @defaultValue 'Accuracy by slice' */ title?: string } = {},
): string {
  const { title = 'Accuracy by slice' } = options;
  const head = ['slice', 'n', 'correct', 'accuracy', 'error rate'];
  const rows = slices.map((s) => {
    const cells = [escapeHtml(s.name), String(s.n), String(s.correct)];
    cells.push(formatRate(s.accuracy), formatRate(s.errorRate));
    return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  });
  return [
    `<section class="nlpft-behavior">`,
    `<h2>${escapeHtml(title)}</h2>`,
    sliceChart(slices),
    `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table>`,
    `</section>`,
  ].join('\n');
}
