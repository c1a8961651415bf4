import { describe, expect, it } from 'vitest';
import { randomTensor, rng } from '../autodiff/gradient-check';
import { Graph } from '../graph';
import { createGradientSession } from '../runner/create-gradient-session';
import type { BatchTensor } from '../runner/create-gradient-session';
import { addCausalLmLoss, addMseLoss, addSoftmaxCrossEntropyLoss } from './add-loss';

/** loss and central-difference gradient of the single parameter 'p' (float64, h = 1e-6). */
async function lossAndCheck(
  graph: Graph,
  batch: Record<string, BatchTensor>,
): Promise<{ loss: number; worst: number }> {
  const runner = await createGradientSession(graph, { trainable: ['p'] });
  try {
    const { loss, gradients } = await runner.step(batch);
    const p = runner.parameters.get('p')!;
    const g = gradients.get('p')!;
    let worst = 0;
    for (let i = 0; i < p.length; i++) {
      const keep = p[i]!;
      p[i] = keep + 1e-6;
      const up = (await runner.step(batch)).loss;
      p[i] = keep - 1e-6;
      const down = (await runner.step(batch)).loss;
      p[i] = keep;
      const numeric = (up - down) / 2e-6;
      worst = Math.max(worst, Math.abs(numeric - g[i]!) / (1 + Math.abs(numeric)));
    }
    return { loss, worst };
  } finally {
    await runner.dispose();
  }
}

/** Cross-entropy written out: mean over kept rows of logsumexp(row) - row[label]. */
function referenceCrossEntropy(
  logits: Float64Array,
  classes: number,
  labels: number[],
  ignore: number,
): number {
  let sum = 0;
  let count = 0;
  labels.forEach((label, row) => {
    if (label === ignore) return;
    const z = Array.from(logits.subarray(row * classes, (row + 1) * classes));
    const max = Math.max(...z);
    const lse = max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
    sum += lse - z[label]!;
    count++;
  });
  return sum / count;
}

const ids = (values: number[], dims: number[]): BatchTensor => ({
  data: BigInt64Array.from(values, (v) => BigInt(v)),
  dims,
});

describe('addSoftmaxCrossEntropyLoss', () => {
  it('is the mean over non-ignored labels and its gradient matches finite differences', async () => {
    const g = new Graph();
    const p = randomTensor('p', [2, 3, 5], rng(3), [-2, 2]);
    g.addInitializer(p);
    g.addNode('Identity', ['p'], ['logits']);
    addSoftmaxCrossEntropyLoss(g, 'logits', { type: 'float64' });
    const labels = [4, -100, 0, 2, 2, -100];
    const { loss, worst } = await lossAndCheck(g, { labels: ids(labels, [2, 3]) });
    expect(loss).toBeCloseTo(referenceCrossEntropy(p.data as Float64Array, 5, labels, -100), 12);
    expect(worst).toBeLessThan(1e-6);
  });

  it('throws UNKNOWN_VALUE for logits the graph lacks', () => {
    expect(() => addSoftmaxCrossEntropyLoss(new Graph(), 'nope')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_VALUE' }),
    );
  });
});

describe('addCausalLmLoss', () => {
  it('predicts the next label (shift in the graph) and its gradient matches finite differences', async () => {
    const g = new Graph();
    const p = randomTensor('p', [2, 4, 3], rng(4), [-2, 2]);
    g.addInitializer(p);
    g.addNode('Identity', ['p'], ['logits']);
    addCausalLmLoss(g, 'logits', { type: 'float64', labels: 'input_ids' });
    const tokens = [0, 2, 1, 1, 2, 2, -100, 0];
    const { loss, worst } = await lossAndCheck(g, { input_ids: ids(tokens, [2, 4]) });
    // rows (b, t) for t < 3 predict tokens[b][t + 1]
    const rows: number[] = [];
    const shifted: number[] = [];
    for (let b = 0; b < 2; b++) {
      for (let t = 0; t < 3; t++) {
        rows.push(
          ...Array.from((p.data as Float64Array).subarray((b * 4 + t) * 3, (b * 4 + t + 1) * 3)),
        );
        shifted.push(tokens[b * 4 + t + 1]!);
      }
    }
    expect(loss).toBeCloseTo(referenceCrossEntropy(Float64Array.from(rows), 3, shifted, -100), 12);
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('addMseLoss', () => {
  it('is the mean squared error and its gradient matches finite differences', async () => {
    const g = new Graph();
    const p = randomTensor('p', [3, 2], rng(5));
    g.addInitializer(p);
    g.addNode('Identity', ['p'], ['pred']);
    addMseLoss(g, 'pred', { type: 'float64' });
    const targets = Float64Array.from([0.5, -1, 2, 0, 0.25, 1]);
    const { loss, worst } = await lossAndCheck(g, { targets: { data: targets, dims: [3, 2] } });
    const expected =
      Array.from(p.data as Float64Array).reduce((s, v, i) => s + (v - targets[i]!) ** 2, 0) / 6;
    expect(loss).toBeCloseTo(expected, 12);
    expect(worst).toBeLessThan(1e-6);
  });
});
