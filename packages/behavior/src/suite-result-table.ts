import { formatPrediction, formatRate } from './format-rate';
import type { FailureExample, SuiteResult } from './types';

/** Options of `suiteResultTable`. */
export interface SuiteTableOptions {
  /** `markdown` (GitHub tables) or `plain` (aligned columns for a terminal). @defaultValue 'markdown' */
  style?: 'markdown' | 'plain';
}

function describe(e: FailureExample | undefined): string {
  if (e === undefined) return '';
  const original = `${JSON.stringify(e.original)} → ${formatPrediction(e.originalPrediction)}`;
  if (e.perturbed === undefined) return `${original}, expected ${e.expectedLabel}`;
  return `${original}; ${JSON.stringify(e.perturbed)} → ${formatPrediction(e.perturbedPrediction!)}`;
}

/**
 * One row per test: name, kind, cases, failures, failure rate and the first failing example.
 * @example console.log(suiteResultTable(result, { style: 'plain' }));
 */
export function suiteResultTable(result: SuiteResult, options: SuiteTableOptions = {}): string {
  const header = ['test', 'kind', 'n', 'failures', 'failure rate', 'example failure'];
  const rows = result.tests.map((t) => [
    t.name,
    t.kind.toUpperCase(),
    String(t.n),
    String(t.failures),
    formatRate(t.failureRate),
    describe(t.examples[0]),
  ]);
  if ((options.style ?? 'markdown') === 'markdown') {
    // A pipe would end the cell and a newline the row; markup would render (or be stripped) as HTML.
    const cell = (s: string): string =>
      s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\|/g, '\\|')
        .replace(/\r?\n/g, ' ');
    const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
  }
  const flat = [header, ...rows].map((r) => r.map((s) => s.replace(/\r?\n/g, ' ')));
  const widths = header.map((_, c) => Math.max(...flat.map((r) => [...r[c]!].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((s, c) => s + ' '.repeat(widths[c]! - [...s].length))
      .join('  ')
      .trimEnd();
  return flat.map(line).join('\n') + '\n';
}
