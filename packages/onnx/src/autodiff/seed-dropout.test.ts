import { describe, expect, it } from 'vitest';
import { Graph } from '../graph';
import { createGradientSession } from '../runner/create-gradient-session';
import { randomTensor, rng } from './gradient-check';
import { seedDropout } from './seed-dropout';

function dropoutModel(ratio: number, size: number): Graph {
  const g = new Graph();
  g.addInitializer(randomTensor('p', [size], rng(6), [0.5, 1.5]));
  g.addInitializer({ name: 'ratio', type: 'float64', dims: [], data: Float64Array.from([ratio]) });
  g.addNode('Dropout', ['p', 'ratio'], ['d']);
  g.addNode('Mul', ['d', 'd'], ['sq']);
  g.addNode('ReduceSum', ['sq'], ['loss'], { keepdims: { type: 'int', value: 0 } });
  g.outputs.push({ name: 'loss', type: 'float64', shape: [] });
  return g;
}

describe('seedDropout', () => {
  it('keeps about 1 - ratio of the elements, scaled by 1 / (1 - ratio), and the gradient follows the mask', async () => {
    const runner = await createGradientSession(dropoutModel(0.25, 20000), { trainable: ['p'] });
    const p = runner.parameters.get('p')!;
    const { gradients } = await runner.step({}, { dropoutSeed: 0.3 });
    const g = gradients.get('p')!;
    let kept = 0;
    let worst = 0;
    for (let i = 0; i < p.length; i++) {
      // loss = Σ (m_i p_i / 0.75)² ⇒ dloss/dp_i = 2 p_i m_i / 0.75² with m_i ∈ {0, 1}
      if (g[i] !== 0) {
        kept++;
        worst = Math.max(worst, Math.abs(g[i]! - (2 * p[i]!) / 0.75 ** 2));
      }
    }
    expect(worst).toBeLessThan(1e-12);
    // Binomial(20000, 0.75): sd ≈ 61; 4 sd either side
    expect(Math.abs(kept - 15000)).toBeLessThan(250);
    await runner.dispose();
  });

  it('replays the same masks for the same seed and draws new ones per step', async () => {
    const a = await createGradientSession(dropoutModel(0.5, 500), { trainable: ['p'], seed: 7 });
    const b = await createGradientSession(dropoutModel(0.5, 500), { trainable: ['p'], seed: 7 });
    const a1 = await a.step({});
    const b1 = await b.step({});
    const a2 = await a.step({});
    expect(b1.loss).toBe(a1.loss);
    expect(a2.loss).not.toBe(a1.loss);
    expect((await a.step({}, { dropoutSeed: 0.5 })).loss).toBe(
      (await b.step({}, { dropoutSeed: 0.5 })).loss,
    );
    expect(a.dropoutNodes).toBe(1);
    await a.dispose();
    await b.dispose();
  });

  it('is off with dropout: false (the identity of inference)', async () => {
    const runner = await createGradientSession(dropoutModel(0.5, 10), {
      trainable: ['p'],
      dropout: false,
    });
    const p = Array.from(runner.parameters.get('p')!);
    expect((await runner.step({})).loss).toBeCloseTo(
      p.reduce((s, v) => s + v * v, 0),
      10,
    );
    expect(runner.dropoutNodes).toBe(0);
    await runner.dispose();
  });

  it('throws INVALID_INPUT when the seed input name is taken', () => {
    expect(() => seedDropout(dropoutModel(0.1, 2), 'p')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
