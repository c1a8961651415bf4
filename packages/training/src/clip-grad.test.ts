import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clipGradNorm, clipGradValue } from './clip-grad';
import { TrainingError } from './errors';

const ref = JSON.parse(
  readFileSync(new URL('../fixtures/clipping.json', import.meta.url), 'utf8'),
) as {
  data: {
    grads: Record<string, number[]>;
    norm: Array<{
      normType: number | 'inf';
      maxNorm: number;
      totalNorm: number;
      clipped: Record<string, number[]>;
    }>;
    value: { clipValue: number; clipped: Record<string, number[]> };
  };
};
const fresh = () =>
  Object.fromEntries(Object.entries(ref.data.grads).map(([k, v]) => [k, Float32Array.from(v)]));

describe('clipGradNorm equals torch.nn.utils.clip_grad_norm_', () => {
  for (const c of ref.data.norm) {
    it(`norm ${c.normType}, max ${c.maxNorm}`, () => {
      const g = fresh();
      const total = clipGradNorm(g, c.maxNorm, { normType: c.normType });
      expect(Math.abs(total - c.totalNorm) / c.totalNorm).toBeLessThan(1e-6);
      for (const [k, v] of Object.entries(c.clipped))
        v.forEach((x, i) => expect(Math.abs(g[k]![i]! - x)).toBeLessThan(1e-6));
    });
  }
  it('clipGradValue equals clip_grad_value_', () => {
    const g = fresh();
    clipGradValue(g, ref.data.value.clipValue);
    for (const [k, v] of Object.entries(ref.data.value.clipped))
      v.forEach((x, i) => expect(g[k]![i]).toBe(Math.fround(x)));
  });
  it('errorIfNonfinite throws NON_FINITE_GRADIENT; otherwise returns NaN', () => {
    const g = [Float32Array.of(1, NaN)];
    expect(() => clipGradNorm(g, 1, { errorIfNonfinite: true })).toThrow(TrainingError);
    try {
      clipGradNorm([Float32Array.of(Infinity)], 1, { errorIfNonfinite: true, normType: 'inf' });
    } catch (e) {
      expect((e as TrainingError).code).toBe('NON_FINITE_GRADIENT');
    }
    expect(clipGradNorm([Float32Array.of(1, NaN)], 1)).toBeNaN();
    expect(() => clipGradNorm(g, 1, { normType: 0 })).toThrow(/normType/);
    expect(() => clipGradValue(g, -1)).toThrow(/clipValue/);
    expect(clipGradNorm([], 1)).toBe(0);
  });
});
