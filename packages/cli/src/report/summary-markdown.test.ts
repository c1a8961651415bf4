import { describe, expect, it } from 'vitest';
import type { DemoResults } from './report-types';
import { summaryMarkdown } from './summary-markdown';
import { syntheticResults } from './synthetic-results';

const results = syntheticResults();

describe('summaryMarkdown', () => {
  const md = summaryMarkdown(results);
  const lines = md.trimEnd().split('\n');

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

  it('is empty without fine-tuning runs', () => {
    const none: DemoResults = { ...results, finetuning: [] };
    expect(summaryMarkdown(none)).toBe('');
  });
});
