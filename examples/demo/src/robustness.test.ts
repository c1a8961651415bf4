import { describe, expect, it } from 'vitest';
import { WORD_PERTURBATIONS, perturbWords } from './perturb-words';
import { accuracyDrop, seedPairs } from './robustness-findings';
import { runRobustness, splitOutputs } from './run-robustness';

const sentence = 'The whale swam past the ship while the crew slept below deck tonight';
const sorted = (t: string) => t.split(' ').sort().join(' ');

describe('perturbWords', () => {
  it.each(WORD_PERTURBATIONS.map((p) => [p.name, p] as const))(
    '%s changes two orderings of the same words into the same words',
    (_, p) => {
      const twin = 'The whale past swam the ship while the slept crew below deck tonight';
      const a = perturbWords(sentence, p, { seed: 3 });
      const b = perturbWords(twin, p, { seed: 3 });
      expect(sorted(a)).toBe(sorted(b));
    },
  );
  it('changes some words of a long text and keeps its word count', () => {
    const long = Array.from({ length: 50 }, (_, i) => `word${i}x`).join(' ');
    const out = perturbWords(long, WORD_PERTURBATIONS[0]!);
    const changed = out.split(' ').filter((w, i) => w !== long.split(' ')[i]).length;
    expect(out.split(' ')).toHaveLength(50);
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(50);
  });
});

describe('runRobustness', () => {
  const variants = { clean: [0, 1, 2, 3], perturbed: [{ name: 'typos', items: [0, 1, 2, 3] }] };
  it('scores the clean part for ECE and each copy for accuracy', () => {
    // Clean: confidences 0.9, 0.8, 0.6, 0.7, right, right, wrong, right.
    const probs = [
      [0.9, 0.1],
      [0.2, 0.8],
      [0.6, 0.4],
      [0.3, 0.7],
      [0.5, 0.5],
      [0.5, 0.5],
      [0.5, 0.5],
      [0.5, 0.5],
    ];
    const preds = [0, 1, 0, 1, 0, 0, 0, 0];
    const r = runRobustness(variants, [0, 1, 1, 1], preds, probs);
    // Bins of width 0.1: (0.8,0.9] holds 0.9 (right), (0.7,0.8] 0.8 (right), (0.5,0.6] 0.6 (wrong), (0.6,0.7] 0.7 (right):
    // ECE = (0.1 + 0.2 + 0.6 + 0.3) / 4.
    expect(r.ece).toBeCloseTo((0.1 + 0.2 + 0.6 + 0.3) / 4, 10);
    expect(r.perturbed.typos).toBe(0.25);
  });
  it('refuses outputs that do not cover every copy', () => {
    expect(() => splitOutputs(variants, [0, 1, 2])).toThrow(/8 expected/);
  });
});

describe('seedPairs and accuracyDrop', () => {
  it('pairs by seed and measures clean minus mean perturbed accuracy', () => {
    const run = (init: 'pretrained' | 'random', seed: number, accuracy: number) => ({
      init,
      seed,
      accuracy,
      ece: 0,
      reliability: [],
      perturbed: { typos: accuracy - 0.1, punctuation: accuracy - 0.3 },
    });
    const s = {
      similarity: 'similar' as const,
      size: 'small' as const,
      trainSize: 50,
      task: 't',
      strategy: 'full',
      baseline: 0.5,
      runs: [run('pretrained', 1, 0.9), run('random', 2, 0.6), run('random', 1, 0.5)],
    };
    const { pre, rnd } = seedPairs(s);
    expect(rnd.map((r) => r.accuracy)).toEqual([0.5]);
    expect(accuracyDrop(pre[0]!)).toBeCloseTo(0.2, 10);
  });
});
