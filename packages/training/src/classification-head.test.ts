import { describe, expect, it } from 'vitest';
import { ClassificationHead } from './classification-head';
import { SeededRng } from './seeded-rng';

describe('ClassificationHead gradients', () => {
  for (const hiddenSize of [0, 5]) {
    it(`match central finite differences (hiddenSize ${hiddenSize})`, () => {
      const rng = new SeededRng(3);
      const head = new ClassificationHead(4, 3, rng, { hiddenSize, dropout: 0 });
      const examples = [0, 1, 2, 1].map((label) => ({
        features: Float32Array.from({ length: 4 }, () => rng.normal()),
        label,
      }));
      const ctx = { step: 0, trainable: new Set(Object.keys(head.params)), rng };
      const { grads } = head.computeGradients(examples, ctx);
      for (const [name, p] of Object.entries(head.params)) {
        for (let i = 0; i < p.length; i++) {
          const orig = p[i]!;
          const eps = 1e-2;
          p[i] = orig + eps;
          const up = head.computeGradients(examples, ctx).loss;
          p[i] = orig - eps;
          const down = head.computeGradients(examples, ctx).loss;
          p[i] = orig;
          expect(grads[name]![i]).toBeCloseTo((up - down) / (2 * eps), 3);
        }
      }
    });
  }
  it('returns gradients only for trainable names and checks inputs', () => {
    const rng = new SeededRng(1);
    const head = new ClassificationHead(2, 2, rng, { hiddenSize: 3 });
    const ex = [{ features: Float32Array.of(1, 2), label: 1 }];
    const { grads } = head.computeGradients(ex, {
      step: 0,
      trainable: new Set(['head.out_proj.bias']),
      rng,
    });
    expect(Object.keys(grads)).toEqual(['head.out_proj.bias']);
    expect(() =>
      head.computeGradients([{ features: Float32Array.of(1), label: 0 }], {
        step: 0,
        trainable: new Set(),
        rng,
      }),
    ).toThrow(/SHAPE|features have 1/);
    expect(() =>
      head.computeGradients([{ features: Float32Array.of(1, 2), label: 2 }], {
        step: 0,
        trainable: new Set(),
        rng,
      }),
    ).toThrow(/label 2/);
    expect(() => new ClassificationHead(0, 2, rng)).toThrow(/inputSize/);
  });
});
