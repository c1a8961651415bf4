import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { earlyStoppingStep, simulateEarlyStopping } from './early-stopping';
import type { EarlyStoppingRule } from './early-stopping';

interface Case {
  id: string;
  rule: EarlyStoppingRule;
  values: number[];
  patience: number;
  threshold: number;
  greaterIsBetter: boolean;
  stopAfter: number | null;
  bestIndex: number | null;
  best: number | null;
  counters: number[];
}
// Re-statement of HF's Trainer + EarlyStoppingCallback and of Keras' EarlyStopping over seeded random walks
// (integer and float metrics, both directions), from scripts/gen_optimizer_reference.py.
const { cases } = (
  JSON.parse(readFileSync(new URL('../fixtures/early-stopping.json', import.meta.url), 'utf8')) as {
    data: { cases: Case[] };
  }
).data;

describe('simulateEarlyStopping', () => {
  it('has both rules and both directions in the reference', () => {
    expect(cases.length).toBeGreaterThan(400);
    expect(new Set(cases.map((c) => `${c.rule}/${c.greaterIsBetter}`)).size).toBe(4);
    expect(cases.some((c) => c.stopAfter === null)).toBe(true);
  });

  it.each(cases)('$id matches the reference', (c) => {
    const got = simulateEarlyStopping(c.values, {
      mode: c.greaterIsBetter ? 'max' : 'min',
      patience: c.patience,
      minDelta: c.threshold,
      rule: c.rule,
    });
    expect(got).toEqual({
      stopAfter: c.stopAfter,
      bestIndex: c.bestIndex,
      best: c.best,
      counters: c.counters,
    });
  });

  it('the issue example: HF stops after evaluation 3, Keras after 5', () => {
    const values = [0.5, 0.55, 0.62, 0.69, 0.7];
    const o = { mode: 'max', patience: 2, minDelta: 0.1 } as const;
    expect(simulateEarlyStopping(values, o).stopAfter).toBe(3);
    expect(simulateEarlyStopping(values, { ...o, rule: 'keras' }).stopAfter).toBe(5);
  });
});

describe('earlyStoppingStep', () => {
  it('under HF moves the best on a small improvement without resetting patience', () => {
    expect(
      earlyStoppingStep({ best: 0.55, badEvals: 1 }, 0.62, {
        mode: 'max',
        patience: 2,
        minDelta: 0.1,
      }),
    ).toEqual({ best: 0.62, badEvals: 2, isBest: true, stop: true });
    expect(earlyStoppingStep({ best: 2, badEvals: 0 }, 2, { mode: 'min', minDelta: 0 })).toEqual({
      best: 2,
      badEvals: 1,
      isBest: false,
      stop: false,
    });
  });

  it('rejects NaN values, negative thresholds, bad patience and unknown rules', () => {
    const s = { best: null, badEvals: 0 };
    const invalid = expect.objectContaining({ code: 'INVALID_OPTION' });
    expect(() => earlyStoppingStep(s, Number.NaN, { mode: 'max' })).toThrow(invalid);
    expect(() => earlyStoppingStep(s, 1, { mode: 'max', minDelta: -1 })).toThrow(invalid);
    expect(() => earlyStoppingStep(s, 1, { mode: 'max', patience: 1.5 })).toThrow(invalid);
    expect(() =>
      earlyStoppingStep(s, 1, { mode: 'max', rule: 'lightning' as EarlyStoppingRule }),
    ).toThrow(/unknown early-stopping rule 'lightning'/);
  });
});
