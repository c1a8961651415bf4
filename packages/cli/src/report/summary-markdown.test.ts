import { describe, expect, it } from 'vitest';
import type { DemoResults } from './report-types';
import { summaryMarkdown } from './summary-markdown';
import { syntheticResults } from './synthetic-results';

const results = syntheticResults();

describe('summaryMarkdown', () => {
  const md = summaryMarkdown(results);
  const blocks = md.trimEnd().split('\n\n');
  // The first block is the spam fine-tuning table.
  const lines = blocks[0]!.split('\n');

  it('is a header, an alignment row and one row per strategy × init × train size', () => {
    expect(lines).toHaveLength(2 + 16);
    expect(lines[0]).toBe(
      '| strategy | init | train size | seeds | accuracy (mean ± std) | F1 (mean) | 95% CI | min–max | collapsed |',
    );
    expect(lines[1]).toBe('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    expect(md.endsWith('\n')).toBe(true);
    for (const l of lines) expect(l.split(' | ')).toHaveLength(9);
  });

  it('fills a row with the cell’s mean ± std over seeds', () => {
    const runs = results.finetuning.filter(
      (r) => r.strategy === 'gradual-unfreezing' && r.init === 'random' && r.trainSize === 50,
    );
    const acc = runs.map((r) => r.accuracy);
    const m = acc.reduce((a, b) => a + b, 0) / acc.length;
    const s = Math.sqrt(acc.reduce((a, b) => a + (b - m) ** 2, 0) / (acc.length - 1));
    const row = lines.find((l) => l.startsWith('| gradual-unfreezing | random | 50 |'));
    expect(row).toContain(`| 5 | ${m.toFixed(3)} ± ${s.toFixed(3)} |`);
    expect(row).toContain(`| ${Math.min(...acc).toFixed(3)}–${Math.max(...acc).toFixed(3)} | 1 |`);
  });

  it('lists strategies in lecture order, pretrained before random, small before large', () => {
    expect(lines.slice(2, 6).map((l) => l.split(' | ').slice(0, 3).join(' '))).toEqual([
      '| full pretrained 50',
      '| full pretrained 400',
      '| full random 50',
      '| full random 400',
    ]);
  });

  it('has the similar task’s best cell per size against zero-shot, word pairs and chance', () => {
    expect(blocks).toHaveLength(5); // spam table; similar title + table; situations title + table
    const rows = blocks[2]!.split('\n').slice(2);
    expect(rows).toHaveLength(2);
    // Best at both sizes: likelihood · pretrained; its seeds 0.86 + (−0.02, 0.005, 0.015) and
    // 0.92 + the same offsets: mean 0.86 / 0.92, std √((0.02² + 0.005² + 0.015²) / 2) = 0.018.
    const std = Math.sqrt((0.02 ** 2 + 0.005 ** 2 + 0.015 ** 2) / 2).toFixed(3);
    expect(rows[0]).toBe(
      `| 64 | likelihood · pretrained | 0.860 ± ${std} | 0.813 | 0.600 | 0.500 |`,
    );
    expect(rows[1]).toBe(
      `| 512 | likelihood · pretrained | 0.920 ± ${std} | 0.813 | 0.680 | 0.500 |`,
    );
  });

  it('has the situation map with the lecture’s pick, the measured best and ✓ where they agree', () => {
    const rows = blocks[4]!.split('\n');
    expect(rows[0]).toBe('|  | similar text | dissimilar text |');
    expect(rows).toHaveLength(4);
    expect(rows[2]).toMatch(
      /^\| small labelled data \| acceptability, n = 64: lecture head-only; measured likelihood 0\.860 ✗ \|/,
    );
    // Spam at 400, pretrained full: fn = 2 + seed % 3 (2, 3, 4, 2, 3), fp = 1 + seed % 2 (1, 2, 1, 2, 1): mean errors 2.8 + 1.4.
    expect(rows[3]).toContain(`lecture full; measured full ${(1 - 4.2 / 200).toFixed(3)} ✓ |`);
  });

  it('is empty without fine-tuning runs, similar-task runs or situations', () => {
    const none: DemoResults = {
      ...results,
      finetuning: [],
      similar: { ...results.similar, runs: [] },
      situations: [],
    };
    expect(summaryMarkdown(none)).toBe('');
  });

  it('still shows the similar task and the map without fine-tuning runs', () => {
    const md = summaryMarkdown({ ...results, finetuning: [] });
    expect(md.startsWith('**Similar task**')).toBe(true);
    expect(md).toContain('**Situations**');
  });
});
