import { describe, expect, it } from 'vitest';
import { PALETTE } from './palette';
import type { ChoiceRun, DemoResults } from './report-types';
import { similarHtml } from './section-similar';
import { syntheticResults } from './synthetic-results';
import { assertWellFormed } from './test-helpers';

const results = syntheticResults();
const html = similarHtml(results);

function rowsOf(markup: string, id: string): string[] {
  const table = new RegExp(`<table id="${id}"[^>]*>(.*?)</table>`, 's').exec(markup)?.[1] ?? '';
  const body = /<tbody>(.*)<\/tbody>/s.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => m[1]!);
}

function figure(name: string): string {
  return (
    new RegExp(`<figure id="chart-${name}" data-chart="${name}">(.*?)</figure>`, 's').exec(
      html,
    )?.[1] ?? ''
  );
}

/** Mean ± sample std (ddof 1) of a cell's seeds, written out here. */
function meanStd(runs: readonly ChoiceRun[]): string {
  const xs = runs.map((r) => r.accuracy);
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const s = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  return `${m.toFixed(3)} ± ${s.toFixed(3)} (${xs.length})`;
}

describe('similarHtml', () => {
  it('is a well-formed section with id similar that describes the task', () => {
    assertWellFormed(html);
    expect(html.startsWith('<section id="similar">')).toBe(true);
    expect(html).toContain('Which of two sentences is the real one?');
    expect(html).toContain('400 test questions');
  });

  it('shows mean ± std over seeds per strategy × init for each train size', () => {
    const rows = rowsOf(html, 'table-similar');
    for (const strategy of [
      'full',
      'head-only',
      'freeze-bottom',
      'gradual-unfreezing',
      'likelihood',
    ]) {
      for (const init of ['pretrained', 'random'] as const) {
        const row = rows.find((r) => r.startsWith(`<td>${strategy}</td><td>${init}</td>`));
        for (const size of [64, 512]) {
          const runs = results.similar.runs.filter(
            (r) => r.strategy === strategy && r.init === init && r.trainSize === size,
          );
          expect(runs).toHaveLength(3);
          expect(row).toContain(meanStd(runs));
        }
      }
    }
  });

  it('puts the best cell of each size in bold: likelihood from the pre-trained model', () => {
    const rows = rowsOf(html, 'table-similar');
    const bold = rows.filter((r) => r.includes('<strong>'));
    expect(bold).toHaveLength(1);
    expect(bold[0]).toMatch(/^<td>likelihood<\/td><td>pretrained<\/td>/);
    expect(bold[0]!.match(/<strong>/g)).toHaveLength(2);
  });

  it('ends the table with zero-shot, word-pair and chance reference rows', () => {
    const rows = rowsOf(html, 'table-similar').slice(-4);
    const zs = results.similar.zeroShot;
    expect(rows[0]).toContain(
      `<td>zero-shot likelihood</td><td>pretrained</td><td class="num">${zs.pretrained.toFixed(3)}</td>`,
    );
    expect(rows[1]).toContain(`<td class="num">${zs.random.toFixed(3)}</td>`);
    expect(rows[2]).toBe(
      '<td>word-pair naive Bayes</td><td>—</td><td class="num">0.600</td><td class="num">0.680</td>',
    );
    expect(rows[3]).toBe(
      '<td>chance</td><td>—</td><td class="num">0.500</td><td class="num">0.500</td>',
    );
  });

  it('draws a chart per size with a dot per seed, pretrained and random in the palette’s two colours', () => {
    for (const size of [64, 512]) {
      const svg = figure(`similar-${size}`).split('<g class="legend">')[0]!;
      // 5 strategies × 3 seeds per init.
      expect(svg.match(/<g class="dot"[^>]*data-series="pretrained"/g)).toHaveLength(15);
      expect(svg.match(/<g class="dot"[^>]*data-series="random"/g)).toHaveLength(15);
      expect(svg.match(/<circle [^>]*fill="#0072B2"/g)).toHaveLength(15);
      expect(PALETTE[0]).toBe('#0072B2');
      expect(svg.match(new RegExp(`<rect [^>]*fill="${PALETTE[1]}"`, 'g'))).toHaveLength(15);
    }
  });

  it('draws zero-shot, word-pair and chance lines at this size’s values', () => {
    const small = figure('similar-64');
    expect(small.match(/<g class="reference">/g)).toHaveLength(2);
    expect(small.match(/<g class="baseline">/g)).toHaveLength(1);
    expect(small).toContain('zero-shot (pretrained) 0.813');
    expect(small).toContain('word-pair baseline 0.600');
    expect(small).toContain('chance 0.500');
    expect(figure('similar-512')).toContain('word-pair baseline 0.680');
  });

  it('leaves out the word-pair line for a size without a baseline', () => {
    const r: DemoResults = {
      ...results,
      similar: { ...results.similar, wordPairBaseline: [{ trainSize: 64, accuracy: 0.6 }] },
    };
    const large = /data-chart="similar-512">(.*?)<\/figure>/s.exec(similarHtml(r))![1]!;
    expect(large.match(/<g class="reference">/g)).toHaveLength(1);
    expect(rowsOf(similarHtml(r), 'table-similar').at(-2)).toContain('<td class="num">—</td>');
  });

  it('shows the first five examples, escaped', () => {
    const rows = rowsOf(html, 'table-similar-examples');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toContain('She said &quot;yes&quot; &amp; &lt;left&gt;.');
    expect(rows[1]).toContain('She &quot;yes&quot; said &amp; &lt;left&gt;.');
  });

  it('says so when the run has no similar-task runs', () => {
    const empty = similarHtml({ ...results, similar: { ...results.similar, runs: [] } });
    assertWellFormed(empty);
    expect(empty).toContain('This run has no similar-task results.');
    expect(empty).not.toContain('data-chart');
  });
});
