import { describe, expect, it } from 'vitest';
import type { DemoResults } from './report-types';
import { situationsHtml } from './section-situations';
import { syntheticResults } from './synthetic-results';
import { assertWellFormed } from './test-helpers';

const results = syntheticResults();
const html = situationsHtml(results);

function rowsOf(markup: string, id: string): string[][] {
  const table = new RegExp(`<table id="${id}"[^>]*>(.*?)</table>`, 's').exec(markup)?.[1] ?? '';
  const body = /<tbody>(.*)<\/tbody>/s.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) =>
    [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => c[1]!),
  );
}

describe('situationsHtml', () => {
  it('is a well-formed section with id situations', () => {
    assertWellFormed(html);
    expect(html.startsWith('<section id="situations">')).toBe(true);
    expect(html).toContain('they agree in 1 of 4 situations');
  });

  it('lays out the map with small / large rows and similar / dissimilar columns', () => {
    expect(html).toMatch(
      /<table id="table-situations"[^>]*><thead><tr><th scope="col">labelled data<\/th><th scope="col" class="text">similar text<\/th><th scope="col" class="text">dissimilar text<\/th>/,
    );
    const rows = rowsOf(html, 'table-situations');
    expect(rows.map((r) => r[0])).toEqual(['small', 'large']);
    expect(rows[0]![1]).toBe(
      '<strong>acceptability</strong>, n = 64<br>lecture: head-only<br>measured best: likelihood (0.860) <span class="differs">✗ differs</span>',
    );
    // Task names are escaped.
    expect(rows[1]![2]).toContain('<strong>spam &lt;SMS&gt;</strong>, n = 400');
  });

  it('ticks only the situation where the lecture’s pick measured best', () => {
    const cells = rowsOf(html, 'table-situations').flatMap((r) => r.slice(1));
    expect(cells.filter((c) => c.includes('✓'))).toEqual([expect.stringContaining('n = 400')]);
    // Spam, 400, pretrained full: (2.8 + 1.4) mean errors of 200 (see synthetic-results).
    expect(cells[3]).toContain(`measured best: full (${(1 - 4.2 / 200).toFixed(3)})`);
  });

  it('lists every strategy’s score per situation in map order (row by row), the best in bold', () => {
    const table = /<table id="table-situation-scores".*?<\/table>/s.exec(html)![0];
    expect([...table.matchAll(/<th [^>]*>([^<]*)<\/th>/g)].map((m) => m[1])).toEqual([
      'strategy',
      'similar, small (n\u00a0=\u00a064)',
      'dissimilar, small (n\u00a0=\u00a050)',
      'similar, large (n\u00a0=\u00a0512)',
      'dissimilar, large (n\u00a0=\u00a0400)',
    ]);
    const rows = rowsOf(html, 'table-situation-scores');
    expect(rows.map((r) => r[0])).toEqual([
      'full',
      'head-only',
      'freeze-bottom',
      'gradual-unfreezing',
      'likelihood',
    ]);
    // Spam has no likelihood strategy; likelihood is the best similar-task strategy at both sizes.
    expect(rows[4]).toEqual([
      'likelihood',
      '<strong>0.860</strong>',
      '—',
      '<strong>0.920</strong>',
      '—',
    ]);
    expect(rows[0]![3]).toBe('0.900'); // full, similar, large: its seeds average the 0.9 base
  });

  it('marks a missing situation and says so when there are none', () => {
    const three: DemoResults = { ...results, situations: results.situations.slice(0, 3) };
    expect(rowsOf(situationsHtml(three), 'table-situations')[1]![2]).toBe('not measured');
    expect(situationsHtml({ ...results, situations: [] })).toContain(
      'This run has no situation map.',
    );
  });
});
