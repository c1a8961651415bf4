import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report';
import type { DemoResults, FinetuneRun } from './report-types';
import { syntheticResults } from './synthetic-results';
import { assertWellFormed } from './test-helpers';

const results = syntheticResults();
const html = renderReport(results);

/** Sample mean and standard deviation (ddof 1), written out here rather than taken from the code under test. */
function meanStd(xs: readonly number[]): [number, number] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return [m, Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1))];
}

const cellOf = (r: FinetuneRun) => `${r.strategy} · ${r.init} · ${r.trainSize}`;

function tableRows(id: string): string[] {
  const table = new RegExp(`<table id="${id}"[^>]*>(.*?)</table>`, 's').exec(html)?.[1] ?? '';
  const body = /<tbody>(.*)<\/tbody>/s.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => m[1]!);
}

describe('renderReport', () => {
  it('is one well-formed, self-contained page: no scripts, links or remote resources', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    assertWellFormed(html);
    expect(html).not.toMatch(
      /<script|<link|<img|<iframe|src=|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/,
    );
  });

  it('has every section, in order', () => {
    const ids = [...html.matchAll(/<(?:section|header) id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'report-header',
      'findings',
      'summary',
      'similar',
      'situations',
      'pretraining',
      'finetuning',
      'instability',
      'robustness',
      'continued-pretraining',
      'generation',
    ]);
  });

  it('has a chart per model, train size and section, each with an svg', () => {
    const charts = [
      ...html.matchAll(/<figure id="chart-([^"]+)" data-chart="([^"]+)">(.*?)<\/figure>/gs),
    ];
    expect(charts.map((m) => m[2])).toEqual([
      'similar-64',
      'similar-512',
      'pretrain-loss-bert-mlm',
      'pretrain-loss-gpt2-clm',
      'finetune-accuracy',
      'finetune-spread-50',
      'finetune-spread-400',
      'finetune-loss-50',
      'finetune-loss-400',
      'confusion-best',
      'confusion-worst',
      'instability-spread',
      'generation-mc',
    ]);
    for (const m of charts) expect(m[3]).toMatch(/^<svg[^>]*>.*<\/svg><figcaption>/s);
  });

  it('has a table per summary, with a row per cell, model, recipe, score and sample', () => {
    const cells = new Set(results.finetuning.map(cellOf));
    expect(tableRows('table-summary')).toHaveLength(cells.size); // 4 strategies × 2 inits × 2 sizes = 16
    expect(tableRows('table-perplexity')).toHaveLength(results.pretraining.length);
    expect(tableRows('table-instability')).toHaveLength(results.instability.length);
    expect(tableRows('table-generation-scores')).toHaveLength(5);
    expect(tableRows('table-samples')).toHaveLength(results.generation.samples.length);
    // 5 strategies × 2 inits + zero-shot (2), word pairs and chance; 5 of the 6 examples; 2 sizes × 4 situations.
    expect(tableRows('table-similar')).toHaveLength(14);
    expect(tableRows('table-similar-examples')).toHaveLength(5);
    expect(tableRows('table-situations')).toHaveLength(2);
    expect(tableRows('table-situation-scores')).toHaveLength(5);
    expect(html.match(/<table/g)).toHaveLength(9);
  });

  it('shows each cell’s mean ± std accuracy, mean F1 and averaged CI in its summary row', () => {
    const rows = tableRows('table-summary');
    const byCell = new Map<string, FinetuneRun[]>();
    for (const r of results.finetuning)
      byCell.set(cellOf(r), [...(byCell.get(cellOf(r)) ?? []), r]);
    for (const runs of byCell.values()) {
      const { strategy, init, trainSize } = runs[0]!;
      const row = rows.find((r) =>
        r.startsWith(`<td>${strategy}</td><td>${init}</td><td class="num">${trainSize}</td>`),
      );
      const [m, s] = meanStd(runs.map((r) => r.accuracy));
      const f1 = runs.reduce((a, r) => a + r.f1, 0) / runs.length;
      const lo = runs.reduce((a, r) => a + r.accuracyCi[0], 0) / runs.length;
      const hi = runs.reduce((a, r) => a + r.accuracyCi[1], 0) / runs.length;
      expect(row).toContain(`<td class="num">${m.toFixed(3)} ± ${s.toFixed(3)}</td>`);
      expect(row).toContain(`<td class="num">${f1.toFixed(3)}</td>`);
      expect(row).toContain(`<td class="num">${lo.toFixed(3)}–${hi.toFixed(3)}</td>`);
    }
  });

  it('counts the collapsed seed of the one cell that has one', () => {
    const row = tableRows('table-summary').find((r) =>
      r.startsWith('<td>gradual-unfreezing</td><td>random</td><td class="num">50<'),
    );
    expect(row?.endsWith('<td class="num">1</td>')).toBe(true);
  });

  it('shows held-out perplexity before and after pre-training', () => {
    const [bert] = tableRows('table-perplexity');
    // exp(9.05) = 8518.5, exp(4.8) = 121.5, ratio exp(4.25) = 70.1
    expect(bert).toContain('<td class="num">8518.5</td>');
    expect(bert).toContain('<td class="num">121.5</td>');
    expect(bert).toContain('<td class="num">70.1×</td>');
    expect(tableRows('table-perplexity')[1]).toContain('(cached)');
  });

  it('names the best and worst cell by mean accuracy in the confusion matrices', () => {
    const means = new Map<string, number[]>();
    for (const r of results.finetuning)
      means.set(cellOf(r), [...(means.get(cellOf(r)) ?? []), r.accuracy]);
    const ranked = [...means]
      .map(([k, v]) => [k, meanStd(v)[0]] as const)
      .sort((a, b) => b[1] - a[1]);
    expect(html).toMatch(new RegExp(`data-chart="confusion-best">.*?Best: ${ranked[0]![0]}`, 's'));
    expect(html).toMatch(
      new RegExp(`data-chart="confusion-worst">.*?Worst: ${ranked.at(-1)![0]}`, 's'),
    );
  });

  it('puts the findings first and states contradictions plainly', () => {
    expect(html.indexOf('id="findings"')).toBeLessThan(html.indexOf('id="summary"'));
    expect(html).toContain(
      'Of 4 lecture claims, this run supports 2, contradicts 1 and is inconclusive on 1.',
    );
    expect(html).toMatch(
      /<p class="contradictions"><strong>Not supported by this run:<\/strong> Gradual unfreezing beats full fine-tuning with little data\.<\/p>/,
    );
    expect([...html.matchAll(/data-holds="(\w+)"/g)].map((m) => m[1])).toEqual([
      'true',
      'false',
      'null',
      'true',
    ]);
  });

  it('shows the run’s mode, date, duration and machine in the header', () => {
    const header = /<header id="report-header">(.*?)<\/header>/s.exec(html)![1]!;
    expect(header).toContain('quick mode');
    expect(header).toContain('2025-03-01 14:05 UTC');
    expect(header).toContain('took 12 min 34 s'); // 754.2 s
    expect(header).toContain(results.meta.machine);
    expect(header).toContain('Quick mode: a shortened run');
  });

  it('shows the instability table and the generation scores', () => {
    const [bertAdam] = tableRows('table-instability');
    const [m, s] = meanStd(results.instability[0]!.accuracies);
    expect(bertAdam).toContain(`${m.toFixed(3)} ± ${s.toFixed(3)}`);
    expect(bertAdam).toContain('2 of 5');
    const scores = tableRows('table-generation-scores').join('');
    expect(scores).toContain('<td class="num">0.420</td>');
    expect(scores).toContain('<td class="num">3.21</td>');
    expect(scores).toContain('<td class="num">0.187</td>');
  });

  it('escapes text from the results', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('now!!! &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('claim &lt;your&gt; prize &amp; &quot;win&quot;');
    expect(html).toContain(
      'Bias correction &amp; warmup reduce seed failures (&lt;Mosbach et al.&gt;)',
    );
  });

  it('renders a run without fine-tuning, pre-training, instability study or findings', () => {
    const empty: DemoResults = {
      ...results,
      pretraining: [],
      finetuning: [],
      instability: [],
      findings: [],
      generation: { ...results.generation, samples: [] },
      similar: { ...results.similar, runs: [], examples: [] },
      situations: [],
    };
    const page = renderReport(empty);
    assertWellFormed(page);
    expect(page).toContain('This run has no fine-tuning results.');
    expect(page).toContain('This run pre-trained no model.');
    expect(page).toContain('This run has no instability study.');
    expect(page).toContain('This run recorded no findings.');
    expect(page).toContain('This run has no similar-task results.');
    expect(page).toContain('This run has no situation map.');
    expect(page.match(/data-chart=/g)).toHaveLength(1); // the multiple-choice chart
  });
});
