import { describe, expect, it } from 'vitest';
import { getSchedule } from './get-schedule';
import { reduceLrOnPlateau } from './reduce-lr-on-plateau';
import { readScheduleReference } from './reference.test-helper';

const { reduceLrOnPlateau: ref } = readScheduleReference();
const bad = expect.objectContaining({ code: 'INVALID_OPTION' });

describe('reduceLrOnPlateau', () => {
  it.each(ref)(
    'equals torch ReduceLROnPlateau bit for bit on seeded metrics, $options',
    ({ options, learningRate, metrics, lr, numBadEpochs, best }) => {
      const p = reduceLrOnPlateau({ ...options, learningRate });
      metrics.forEach((m, i) => {
        const factor = p.reportMetric(m);
        expect(p.learningRate).toBe(lr[i]);
        expect(p.state().numBadEpochs).toBe(numBadEpochs[i]);
        expect(learningRate * factor).toBeCloseTo(lr[i]!, 15);
        expect(p(12345)).toBe(factor);
      });
      expect(p.state().best).toBe(best);
    },
  );

  it('reference cases reduce the rate, hit minLr and skip reductions below eps', () => {
    expect(ref.every((c) => c.lr.at(-1)! < c.learningRate)).toBe(true);
    expect(ref.some((c) => c.options.minLr !== undefined && c.lr.at(-1) === c.options.minLr)).toBe(
      true,
    );
    expect(ref.some((c) => (c.options.eps ?? 0) > 1e-3)).toBe(true);
  });

  it('resumes exactly from a JSON round trip of its state', () => {
    const c = ref[2]!;
    const a = reduceLrOnPlateau({ ...c.options, learningRate: c.learningRate });
    const half = c.metrics.length >> 1;
    c.metrics.slice(0, half).forEach((m) => a.reportMetric(m));
    const b = reduceLrOnPlateau({ ...c.options, learningRate: c.learningRate });
    b.setState(JSON.parse(JSON.stringify(a.state())));
    c.metrics.slice(half).forEach((m, i) => {
      b.reportMetric(m);
      expect(b.learningRate).toBe(c.lr[half + i]);
    });
  });

  it('reports best null before the first metric (Infinity is not JSON)', () => {
    const p = reduceLrOnPlateau();
    expect(p.state()).toEqual({
      learningRate: 1,
      best: null,
      numBadEpochs: 0,
      cooldownCounter: 0,
      lastEpoch: 0,
    });
    expect(p(0)).toBe(1);
  });

  it('is what getSchedule returns for reduce_lr_on_plateau', () => {
    const p = getSchedule('reduce_lr_on_plateau', { patience: 0, factor: 0.5 });
    p.reportMetric(1);
    expect(p.reportMetric(1)).toBe(0.5);
  });

  it('throws on a non-finite metric instead of counting it as a bad epoch', () => {
    const p = reduceLrOnPlateau();
    expect(() => p.reportMetric(Number.NaN)).toThrow(/metric 1 is NaN/);
    expect(() => p.reportMetric(Infinity)).toThrow(bad);
  });

  it('rejects bad options with INVALID_OPTION', () => {
    for (const o of [
      { factor: 1 },
      { factor: 1.5 },
      { factor: -0.1 },
      { patience: -1 },
      { patience: 1.5 },
      { cooldown: -1 },
      { threshold: -1 },
      { minLr: -1 },
      { eps: -1 },
      { learningRate: 0 },
      { mode: 'avg' as 'min' },
      { thresholdMode: 'pct' as 'rel' },
    ]) {
      expect(() => reduceLrOnPlateau(o)).toThrow(bad);
    }
  });
});
