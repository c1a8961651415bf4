import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildBert } from '../builder/build-bert';
import { GraphBuilder } from '../builder/graph-builder';
import { dropout } from '../builder/layers';
import { maxAbsDiff, runGraph } from '../builder/testing';
import { graphToModel } from '../graph';
import { writeModel } from '../write-model';
import { setDropoutMode } from './set-dropout-mode';

function dropoutGraph(ratio: number): GraphBuilder {
  const b = new GraphBuilder();
  b.output(dropout(b, b.input('x', 'float32', [4000]), ratio), 'y');
  return b;
}

describe('setDropoutMode', () => {
  const x = Float32Array.from({ length: 4000 }, (_, i) => 1 + (i % 7));

  it("'training' zeroes about `ratio` of the values and scales the rest by 1/(1 - ratio)", async () => {
    const { graph, dropouts } = setDropoutMode(dropoutGraph(0.25).graph, 'training', { seed: 3 });
    expect(dropouts).toBe(1);
    const y = (await runGraph(graph, { x: { dims: [4000], data: x } }))['y']!.data;
    let zeros = 0;
    let scaledOk = true;
    y.forEach((v, i) => {
      if (v === 0) zeros++;
      else scaledOk &&= Math.abs(v - x[i]! / 0.75) < 1e-5;
    });
    expect(scaledOk).toBe(true);
    // Binomial(4000, 0.25): std ≈ 27 zeros; 5 std.
    expect(Math.abs(zeros - 1000)).toBeLessThan(140);
  });

  it('{ input } switches one session between training and inference', async () => {
    const { graph } = setDropoutMode(dropoutGraph(0.5).graph, { input: 'training_mode' });
    expect(graph.inputs.map((i) => [i.name, i.type])).toEqual([
      ['x', 'float32'],
      ['training_mode', 'bool'],
    ]);
    const session = await ort.InferenceSession.create(writeModel(graphToModel(graph)));
    try {
      const feed = (on: boolean) => ({
        x: new ort.Tensor('float32', x, [4000]),
        training_mode: new ort.Tensor('bool', Uint8Array.of(on ? 1 : 0), []),
      });
      const off = (await session.run(feed(false)))['y']!.data as Float32Array;
      const on = (await session.run(feed(true)))['y']!.data as Float32Array;
      expect(maxAbsDiff(off, x)).toBe(0);
      expect(on.filter((v) => v === 0).length).toBeGreaterThan(1500);
    } finally {
      await session.release();
    }
  });

  it("'inference' makes a training graph the identity again; 'training' changes a builder BERT's outputs", async () => {
    const bert = buildBert(
      { vocabSize: 50, hidden: 8, layers: 1, heads: 2, intermediate: 16, maxPositions: 8 },
      { seed: 1 },
    );
    const training = setDropoutMode(bert, 'training').graph;
    const back = setDropoutMode(training, 'inference');
    expect(back.dropouts).toBe(4);
    const feeds = {
      input_ids: [[1, 2, 3]],
      attention_mask: [[1, 1, 1]],
      token_type_ids: [[0, 0, 0]],
    };
    // onnxruntime's EliminateDropout removes a Dropout whose mask output nothing reads at every optimization level
    // above 'disabled', even in training mode (a gradient graph reads the mask, so its Dropouts stay).
    const [a, b, c, d] = await Promise.all([
      runGraph(bert, feeds),
      runGraph(back.graph, feeds),
      runGraph(training, feeds, 'disabled'),
      runGraph(training, feeds, 'all'),
    ]);
    expect(maxAbsDiff(a['last_hidden_state']!.data, d['last_hidden_state']!.data)).toBe(0);
    expect(maxAbsDiff(a['last_hidden_state']!.data, b['last_hidden_state']!.data)).toBe(0);
    expect(maxAbsDiff(a['last_hidden_state']!.data, c['last_hidden_state']!.data)).toBeGreaterThan(
      1e-3,
    );
  });

  it('rejects a non-bool or non-input training_mode with INVALID_INPUT', () => {
    const b = dropoutGraph(0.1);
    expect(() => setDropoutMode(b.graph, { input: 'x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => setDropoutMode(b.graph, { input: 'y' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
