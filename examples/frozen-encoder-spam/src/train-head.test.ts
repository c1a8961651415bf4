import { describe, expect, it } from 'vitest';
import { fitStandardizer, trainHead } from './train-head';

describe('fitStandardizer', () => {
  it('z-scores each dimension with the training mean and population standard deviation', () => {
    // Dimension 0: values 1, 3 → mean 2, std 1. Dimension 1: constant 5 → centred only.
    const z = fitStandardizer([Float32Array.of(1, 5), Float32Array.of(3, 5)]);
    expect(Array.from(z(Float32Array.of(4, 7)))).toEqual([2, 2]);
    expect(Array.from(z(Float32Array.of(2, 5)))).toEqual([0, 0]);
  });
});

describe('trainHead', () => {
  // Points on a grid, kept away from the line x0 + x1 = 0: label = (x0 + x1 > 0), linearly separable.
  const points: [number, number][] = [];
  for (let i = 0; i < 40; i++) {
    const a = (i % 8) / 4 - 0.875;
    const b = Math.floor(i / 8) / 2 - 1;
    if (Math.abs(a + b) > 0.3) points.push([a, b]);
  }
  const examples = points.map(([a, b]) => ({
    features: Float32Array.of(a, b),
    label: a + b > 0 ? 1 : 0,
  }));

  it('learns a separable problem with a linear head, and repeats exactly from the seed', async () => {
    const options = { epochs: 60, learningRate: 0.05, seed: 3, hiddenSize: 0 };
    const { head, log } = await trainHead(examples, 2, options);
    expect(head.predict(examples.map((e) => e.features))).toEqual(examples.map((e) => e.label));
    const losses = log.flatMap((e) => (e.type === 'train' ? [e.loss] : []));
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]! / 2);
    const again = await trainHead(examples, 2, options);
    expect(again.head.params).toEqual(head.params);
  });
});
