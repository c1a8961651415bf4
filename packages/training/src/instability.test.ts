import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gridSearch, randomSearch, resultsTable, successiveHalving } from './search';
import { SeededRng } from './seeded-rng';
import { runSeeds } from './seed-runs';
import { spreadSvg, writeSpreadSvg } from './spread-svg';

describe('runSeeds', () => {
  it('reports per-seed metrics, spread and failed runs (≤ majority baseline)', async () => {
    const scores: Record<number, number> = { 1: 0.9, 2: 0.55, 3: 0.8, 4: 0.5 };
    const r = await runSeeds((seed) => ({ accuracy: scores[seed]! }), [1, 2, 3, 4], {
      metric: 'accuracy',
      majorityBaseline: 0.55,
    });
    expect(r.failedSeeds).toEqual([2, 4]);
    // One definition for the whole report: the summary's failed runs and passed mean agree with failedSeeds.
    expect(r.summary.failedRuns).toEqual([1, 3]);
    expect(r.summary.meanPassed).toBeCloseTo(0.85, 12);
    expect(r.summary.stdPassed).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(r.summary.mean).toBeCloseTo(0.6875, 12);
    const mean = 0.6875;
    const std = Math.sqrt([0.9, 0.55, 0.8, 0.5].reduce((s, v) => s + (v - mean) ** 2, 0) / 3);
    expect(r.summary.std).toBeCloseTo(std, 12);
    expect([r.summary.min, r.summary.max]).toEqual([0.5, 0.9]);
    await expect(runSeeds(() => ({}), [1], { metric: 'accuracy' })).rejects.toThrow(
      /returned no 'accuracy'/,
    );
    await expect(runSeeds(() => ({}), [], { metric: 'accuracy' })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });
  it('summary, failedRuns and failedSeeds use one rule: ≤ baseline + margin', async () => {
    const scores = [0.9, 0.5, 0.52, 0.8, 0.55, 0.91];
    const r = await runSeeds((seed) => ({ accuracy: scores[seed - 1]! }), [1, 2, 3, 4, 5, 6], {
      metric: 'accuracy',
      majorityBaseline: 0.5,
      failureMargin: 0.05,
    });
    expect(r.failedSeeds).toEqual([2, 3, 5]);
    expect(r.summary.failedRuns).toEqual([1, 2, 4]);
    expect(r.runs.filter((x) => x.failed).map((x) => x.seed)).toEqual(r.failedSeeds);
    expect(r.summary.meanPassed).toBeCloseTo((0.9 + 0.8 + 0.91) / 3, 12);
    const all = await runSeeds(() => ({ accuracy: 0.5 }), [1, 2], {
      metric: 'accuracy',
      majorityBaseline: 0.5,
    });
    expect(all.summary.failedRuns).toEqual([0, 1]);
    expect(all.summary.meanPassed).toBeNull();
    const none = await runSeeds((seed) => ({ accuracy: seed / 10 }), [1, 2, 3], {
      metric: 'accuracy',
    });
    expect([none.failedSeeds, none.summary.failedRuns]).toEqual([[], []]);
    expect(none.summary.meanPassed).toBeCloseTo(none.summary.mean, 15);
  });
  it('draws an SVG box/strip plot, written atomically', () => {
    const svg = spreadSvg(
      [
        { label: 'A', values: [0.5, 0.6, 0.9] },
        { label: 'B<', values: [0.8] },
      ],
      { baseline: 0.55, title: 't' },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<circle/g)!.length).toBe(4);
    expect(svg).toContain('B&lt;');
    // A quote in a label stays inside its attribute: every data-label reads back as the label.
    const quoted = spreadSvg([{ label: 'lr="2e-5" & \'warm\'', values: [0.7, 0.8] }]);
    const attr = /data-label="([^"]*)"/.exec(quoted)![1]!;
    expect(
      attr
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    ).toBe('lr="2e-5" & \'warm\'');
    expect(quoted.match(/<g class="box" [^>]*>/g)).toHaveLength(1);
    expect(svg).toContain('baseline 0.550');
    const path = join(mkdtempSync(join(tmpdir(), 'svg-')), 'spread.svg');
    writeSpreadSvg(path, [{ label: 'A', values: [1, 2] }]);
    expect(readFileSync(path, 'utf8')).toContain('</svg>');
    expect(() => spreadSvg([])).toThrow(/at least one/);
    expect(() => spreadSvg([{ label: 'x', values: [Number.NaN] }])).toThrow(/finite/);
  });
});

describe('hyperparameter search', () => {
  it('grid, random and successive halving', async () => {
    expect(gridSearch({ lr: [1, 2], bs: [8, 16, 32] })).toHaveLength(6);
    expect(gridSearch({ lr: [1, 2], bs: [8, 16] })[1]).toEqual({ lr: 1, bs: 16 });
    expect(() => gridSearch({ lr: [] })).toThrow(/no values/);
    const a = randomSearch(
      {
        lr: { logUniform: [1e-5, 1e-3] },
        bs: { choice: [8, 16] },
        n: { int: [1, 3] },
        d: { uniform: [0, 0.5] },
      },
      20,
      new SeededRng(1),
    );
    const b = randomSearch(
      {
        lr: { logUniform: [1e-5, 1e-3] },
        bs: { choice: [8, 16] },
        n: { int: [1, 3] },
        d: { uniform: [0, 0.5] },
      },
      20,
      new SeededRng(1),
    );
    expect(a).toEqual(b);
    for (const c of a) {
      expect(c.lr).toBeGreaterThanOrEqual(1e-5);
      expect(c.lr).toBeLessThanOrEqual(1e-3);
      expect([1, 2, 3]).toContain(c.n);
    }
    expect(() => randomSearch({ x: { logUniform: [0, 1] } }, 1, new SeededRng(1))).toThrow(
      /bad range/,
    );
    // score = budget-scaled closeness to lr 3: halving must keep 3 and drop the others.
    const configs = gridSearch({ lr: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
    const { trials, best } = await successiveHalving(
      configs,
      (c, budget) => budget - Math.abs((c.lr as number) - 3),
      { minBudget: 1, eta: 3 },
    );
    expect(best.config).toEqual({ lr: 3 });
    expect(trials.map((t) => t.budget)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 9]);
    const table = resultsTable(trials);
    expect(table.split('\n')[2]).toBe('| 3 | 9 | 9.0000 |');
    await expect(successiveHalving(configs, () => 0, { minBudget: 1, eta: 1 })).rejects.toThrow(
      /eta/,
    );
  });
});
