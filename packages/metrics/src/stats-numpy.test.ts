import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { approximateRandomizationTest } from './approximate-randomization-test';
import { bootstrapConfidenceInterval } from './bootstrap-confidence-interval';
import { NumpyPcg64, seedSequenceState } from './numpy-random';
import { pairedBootstrapTest } from './paired-bootstrap-test';

interface Interval {
  mean: number;
  lower: number;
  upper: number;
  halfWidth: number;
}
interface ResamplingCase {
  seed: number;
  baseline: number[][];
  system: number[][];
  bootstrap: Interval & { score: number };
  pairedBootstrap: { greater: number; greaterEqual: number; baseline: Interval; system: Interval };
  approximateRandomization: { greater: number; greaterEqual: number };
}

// Made by scripts/gen-resampling-cases.py: sacrebleu 2.4.3's resampling procedures restated with numpy 1.24.2.
const { cases } = JSON.parse(
  readFileSync(new URL('../fixtures/resampling-cases.json', import.meta.url), 'utf8'),
) as { cases: ResamplingCase[] };
const score = (t: Float64Array): number => (100.0 * (t[0] as number)) / (t[1] as number);

describe("numpy's default_rng", () => {
  it('derives the PCG64 seed words of SeedSequence(12345) (numpy: generate_state(4, uint64))', () => {
    const w = seedSequenceState(12345, 8);
    const hex = [0, 1, 2, 3].map(
      (i) => w[2 * i + 1]!.toString(16).padStart(8, '0') + w[2 * i]!.toString(16).padStart(8, '0'),
    );
    expect(hex).toEqual([
      'b5ae6482a03d837c',
      'bbe2996ffa1f7a2f',
      '64e39a9f37158f94',
      '3ebb0f96a013fd73',
    ]);
  });
  it('draws the raw outputs and choice indices numpy draws for seed 12345', () => {
    const g = new NumpyPcg64(12345);
    const raw = [0, 1, 2].map(() =>
      g
        .next64()
        .map((x) => x.toString(16).padStart(8, '0'))
        .join(''),
    );
    // numpy: PCG64(12345).random_raw(3)
    expect(raw).toEqual(['3a32b18db2ffc19d', '51171315c9e4c4de', 'cc2024823444efd9']);
    const c = new NumpyPcg64(12345);
    // numpy: default_rng(12345).choice(10, size=(2, 10), replace=True)
    expect([0, 1].map(() => Array.from({ length: 10 }, () => c.below(10)))).toEqual([
      [6, 2, 7, 3, 2, 7, 6, 6, 9, 3],
      [8, 3, 5, 5, 2, 1, 2, 6, 6, 9],
    ]);
    const b = new NumpyPcg64(12345);
    // numpy: default_rng(12345).integers(2, size=(2, 20), dtype=bool)
    expect([0, 1].map(() => Array.from({ length: 20 }, () => b.bit()))).toEqual([
      [1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
      [1, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1],
    ]);
  });
});

describe('resampling reproduces sacrebleu 2.4.3 procedures with the numpy generator', () => {
  it.each(cases.map((c, i) => [i, c] as const))('case %i: bootstrap interval', (_i, c) => {
    const ci = bootstrapConfidenceInterval(c.baseline, score, { seed: c.seed });
    expect(ci.score).toBe(c.bootstrap.score);
    expect(ci.lower).toBe(c.bootstrap.lower);
    expect(ci.upper).toBe(c.bootstrap.upper);
    expect(ci.halfWidth).toBe(c.bootstrap.halfWidth);
    expect(ci.mean).toBeCloseTo(c.bootstrap.mean, 12);
  });
  it.each(cases.map((c, i) => [i, c] as const))('case %i: paired bootstrap', (_i, c) => {
    const r = pairedBootstrapTest(c.baseline, c.system, score, { seed: c.seed });
    expect(r.pValue).toBe((c.pairedBootstrap.greaterEqual + 1) / 1001);
    expect([r.baseline.lower, r.baseline.upper]).toEqual([
      c.pairedBootstrap.baseline.lower,
      c.pairedBootstrap.baseline.upper,
    ]);
    expect([r.system.lower, r.system.upper]).toEqual([
      c.pairedBootstrap.system.lower,
      c.pairedBootstrap.system.upper,
    ]);
  });
  it.each(cases.map((c, i) => [i, c] as const))(
    'case %i: approximate randomization (ties counted)',
    (_i, c) => {
      const r = approximateRandomizationTest(c.baseline, c.system, score, {
        seed: c.seed,
        samples: 2000,
      });
      expect(r.pValue).toBe((c.approximateRandomization.greaterEqual + 1) / 2001);
    },
  );
});
