import { describe, expect, it } from 'vitest';
import { approximateRandomizationTest } from './approximate-randomization-test';
import { bootstrapConfidenceInterval } from './bootstrap-confidence-interval';
import { meanStatistics } from './corpus-statistics';
import { pairedBootstrapTest } from './paired-bootstrap-test';
import { createRng } from './random';
import { seedSpread } from './seed-spread';

/** A BLEU-like corpus score: precision of summed matches over summed totals (ratio of sums, not mean of ratios). */
const ratio = (t: Float64Array): number => (t[0] as number) / (t[1] as number);

describe('createRng', () => {
  it('draws integers uniformly (chi-square over 10 bins below the 99.9% critical value 27.88)', () => {
    const rng = createRng(7);
    const bins = new Array<number>(10).fill(0);
    const n = 100000;
    for (let i = 0; i < n; i++) bins[rng.int(10)]! += 1;
    const chi2 = bins.reduce((s, o) => s + (o - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88);
  });
  it('repeats its sequence for a seed and differs across seeds', () => {
    const draw = (seed: number) => {
      const r = createRng(seed);
      return Array.from({ length: 8 }, () => r.int(1000));
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });
});

describe('bootstrapConfidenceInterval', () => {
  const scores = Array.from({ length: 400 }, (_, i) => ((i * 7919) % 100) / 100);
  const { stats, score } = meanStatistics(scores);

  it('reports the full-corpus score and brackets it', () => {
    const ci = bootstrapConfidenceInterval(stats, score, { seed: 3 });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(ci.score).toBeCloseTo(mean, 12);
    expect(ci.lower).toBeLessThan(ci.score);
    expect(ci.upper).toBeGreaterThan(ci.score);
    expect(ci.halfWidth).toBeCloseTo((ci.upper - ci.lower) / 2, 15);
  });

  it('has the width the central limit theorem predicts for a mean (±1.96 σ/√n, within 15%)', () => {
    const ci = bootstrapConfidenceInterval(stats, score, { seed: 5, samples: 2000 });
    const n = scores.length;
    const mean = scores.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    const expected = 1.959964 * (sd / Math.sqrt(n));
    expect(Math.abs(ci.halfWidth - expected) / expected).toBeLessThan(0.15);
  });

  it('is deterministic for a seed', () => {
    expect(bootstrapConfidenceInterval(stats, score, { seed: 9 })).toEqual(
      bootstrapConfidenceInterval(stats, score, { seed: 9 }),
    );
  });

  it('has zero width for a constant metric', () => {
    const c = meanStatistics(new Array<number>(50).fill(0.3));
    const ci = bootstrapConfidenceInterval(c.stats, c.score, { samples: 200 });
    expect(ci.lower).toBe(ci.upper);
    expect(ci.halfWidth).toBe(0);
  });

  it("uses sacrebleu's percentile indices: n // 40 and n − n // 40 − 1 for 95%", () => {
    // With 40 resamples, lower is the 2nd smallest (index 40 // 40 = 1) and upper the 2nd largest (index 38).
    const s = Array.from({ length: 30 }, (_, i) => [i % 5, 1]);
    const ci = bootstrapConfidenceInterval(s, ratio, { samples: 40, seed: 11 });
    // Replay the documented resampling: items drawn with createRng(seed).int(n), n per resample.
    const rng = createRng(11);
    const replay = Array.from({ length: 40 }, () => {
      let m = 0;
      for (let i = 0; i < 30; i++) m += s[rng.int(30)]![0]!;
      return m / 30;
    }).sort((x, y) => x - y);
    expect(ci.lower).toBe(replay[1]);
    expect(ci.upper).toBe(replay[38]);
    expect(ci.mean).toBeCloseTo(replay.reduce((x, y) => x + y, 0) / 40, 14);
  });

  it('throws EMPTY_INPUT, INVALID_INPUT and INVALID_OPTION', () => {
    expect(() => bootstrapConfidenceInterval([], ratio)).toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }),
    );
    expect(() => bootstrapConfidenceInterval([[1, 2], [1]], ratio)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => bootstrapConfidenceInterval([[1, NaN]], ratio)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => bootstrapConfidenceInterval([[1, 2]], ratio, { samples: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => bootstrapConfidenceInterval([[1, 2]], ratio, { confidence: 1.5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('paired tests', () => {
  const n = 200;
  const base = Array.from({ length: n }, (_, i) => [(i * 37) % 10, 10]);
  const much = base.map(([m, t]) => [Math.min((m as number) + 4, t as number), t as number]);

  it.each([
    ['pairedBootstrapTest', pairedBootstrapTest],
    ['approximateRandomizationTest', approximateRandomizationTest],
  ] as const)('%s gives p = 1 for a system against itself', (_name, test) => {
    const r = test(base, base, ratio, { samples: 300 });
    expect(r.difference).toBe(0);
    expect(r.pValue).toBe(1);
  });

  it.each([
    ['pairedBootstrapTest', pairedBootstrapTest],
    ['approximateRandomizationTest', approximateRandomizationTest],
  ] as const)(
    '%s gives the minimum p = 1/(samples+1) for a uniformly better system',
    (_name, test) => {
      const r = test(base, much, ratio, { samples: 500, seed: 1 });
      expect(r.difference).toBeGreaterThan(0.3);
      expect(r.pValue).toBe(1 / 501);
      expect(r.system.score - r.baseline.score).toBeCloseTo(r.difference, 15);
    },
  );

  it('approximateRandomizationTest gives a large p for a tiny random difference', () => {
    // Exchangeable systems: each item's two outputs are assigned to the systems by a coin flip.
    const rng = createRng(4);
    const a: number[][] = [];
    const b: number[][] = [];
    for (let i = 0; i < n; i++) {
      const x = [rng.int(11), 10];
      const y = [rng.int(11), 10];
      const swap = rng.int(2) === 1;
      a.push(swap ? y : x);
      b.push(swap ? x : y);
    }
    expect(approximateRandomizationTest(a, b, ratio, { samples: 1000 }).pValue).toBeGreaterThan(
      0.05,
    );
    expect(pairedBootstrapTest(a, b, ratio, { samples: 1000 }).pValue).toBeGreaterThan(0.05);
  });

  it('throws LENGTH_MISMATCH for systems of different sizes', () => {
    expect(() => pairedBootstrapTest(base, base.slice(1), ratio)).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH' }),
    );
    expect(() => approximateRandomizationTest(base, base.slice(1), ratio)).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH' }),
    );
  });
});

describe('seedSpread', () => {
  it('summarises runs with sample std and failed runs under the threshold', () => {
    const s = seedSpread([0.91, 0.9, 0.52, 0.92], { threshold: 0.6 });
    const mean = (0.91 + 0.9 + 0.52 + 0.92) / 4;
    const sd = Math.sqrt(
      ((0.91 - mean) ** 2 + (0.9 - mean) ** 2 + (0.52 - mean) ** 2 + (0.92 - mean) ** 2) / 3,
    );
    expect(s.runs).toBe(4);
    expect(s.mean).toBeCloseTo(mean, 14);
    expect(s.std).toBeCloseTo(sd, 14);
    expect([s.min, s.max, s.median]).toEqual([0.52, 0.92, (0.9 + 0.91) / 2]);
    expect(s.failedRuns).toEqual([2]);
    expect(s.meanPassed).toBeCloseTo((0.91 + 0.9 + 0.92) / 3, 14);
  });
  it('uses the population std with ddof 0', () => {
    expect(seedSpread([1, 3], { ddof: 0 }).std).toBe(1);
  });
  it('throws EMPTY_INPUT, INVALID_INPUT and INVALID_OPTION', () => {
    expect(() => seedSpread([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => seedSpread([1, NaN])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => seedSpread([1], { ddof: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
