import { describe, expect, it } from 'vitest';
import { buildBert } from '../builder/build-bert';
import { buildGpt2 } from '../builder/build-gpt2';
import { maxAbsDiff, runGraph } from '../builder/testing';
import { addClassificationHead } from './add-classification-head';
import { writeWeights } from './write-weights';

const CONFIG = {
  vocabSize: 100,
  hidden: 16,
  layers: 2,
  heads: 2,
  intermediate: 32,
  maxPositions: 16,
};
const FEEDS = {
  input_ids: [
    [1, 5, 7, 9, 0, 0],
    [1, 4, 8, 2, 6, 3],
  ],
  attention_mask: [
    [1, 1, 1, 1, 0, 0],
    [1, 1, 1, 1, 1, 1],
  ],
  token_type_ids: [
    [0, 0, 0, 0, 0, 0],
    [0, 0, 0, 1, 1, 1],
  ],
};

/** logits[b][c] = Σ_h pooled[b][h]·W[h][c] + bias[c], in float64. */
function linearRef(
  pooled: number[][],
  w: Float32Array,
  bias: Float32Array,
  classes: number,
): number[] {
  return pooled.flatMap((row) =>
    Array.from({ length: classes }, (_, c) =>
      row.reduce((s, v, h) => s + v * w[h * classes + c]!, bias[c]!),
    ),
  );
}

describe('addClassificationHead', () => {
  const base = buildBert(CONFIG, { seed: 1 });

  it('CLS pooling: logits equal a linear map of the first hidden state', async () => {
    let g = addClassificationHead(base, { numLabels: 3, keepHiddenOutput: true, seed: 2 });
    const bias = new Float32Array([0.5, -0.25, 0.125]);
    g = writeWeights(g, { 'classifier.bias': bias });
    const out = await runGraph(g, FEEDS);
    const hidden = out['last_hidden_state']!.data;
    const pooled = [0, 1].map((b) => Array.from(hidden.subarray(b * 6 * 16, b * 6 * 16 + 16)));
    const expected = linearRef(
      pooled,
      g.initializers.get('classifier.weight')!.data as Float32Array,
      bias,
      3,
    );
    expect(out['logits']!.dims).toEqual([2, 3]);
    // float32 dot products of length 16 against float64: 1e-6 absolute.
    expect(maxAbsDiff(out['logits']!.data, expected)).toBeLessThan(1e-6);
  });

  it('mean pooling averages only the unmasked positions', async () => {
    const g = addClassificationHead(base, {
      numLabels: 2,
      pooling: 'mean',
      keepHiddenOutput: true,
      seed: 3,
    });
    const out = await runGraph(g, FEEDS);
    const hidden = out['last_hidden_state']!.data;
    const pooled = FEEDS.attention_mask.map((mask, b) => {
      const sum = new Array<number>(16).fill(0);
      mask.forEach((m, t) => {
        for (let h = 0; h < 16; h++) sum[h]! += m * hidden[(b * 6 + t) * 16 + h]!;
      });
      const count = mask.reduce((s, m) => s + m, 0);
      return sum.map((v) => v / count);
    });
    const expected = linearRef(
      pooled,
      g.initializers.get('classifier.weight')!.data as Float32Array,
      new Float32Array(2),
      2,
    );
    expect(maxAbsDiff(out['logits']!.data, expected)).toBeLessThan(1e-6);
  });

  describe("'last' pooling", () => {
    const gpt2 = buildGpt2(
      { vocabSize: 100, hidden: 16, layers: 2, heads: 2, intermediate: 32, maxPositions: 16 },
      { seed: 4, lmHead: false },
    );
    // Right padding, no padding, and left padding: the last unmasked positions are 3, 5 and 5.
    const feeds = {
      input_ids: [
        [1, 5, 7, 9, 0, 0],
        [1, 4, 8, 2, 6, 3],
        [0, 0, 3, 7, 2, 5],
      ],
      attention_mask: [
        [1, 1, 1, 1, 0, 0],
        [1, 1, 1, 1, 1, 1],
        [0, 0, 1, 1, 1, 1],
      ],
    };
    /** The linear layer on the hidden state of each row at `positions[row]`. */
    const expectedAt = (
      hidden: Float32Array,
      positions: readonly number[],
      w: Float32Array,
      bias: Float32Array,
    ): number[] =>
      linearRef(
        positions.map((t, b) =>
          Array.from(hidden.subarray((b * 6 + t) * 16, (b * 6 + t + 1) * 16)),
        ),
        w,
        bias,
        bias.length,
      );

    it("logits equal the linear layer on each row's last unmasked hidden state (GPT-1's extract token)", async () => {
      let g = addClassificationHead(gpt2, {
        numLabels: 3,
        pooling: 'last',
        keepHiddenOutput: true,
        seed: 5,
      });
      const bias = new Float32Array([0.5, -0.25, 0.125]);
      g = writeWeights(g, { 'classifier.bias': bias });
      const out = await runGraph(g, feeds);
      const expected = expectedAt(
        out['last_hidden_state']!.data,
        [3, 5, 5],
        g.initializers.get('classifier.weight')!.data as Float32Array,
        bias,
      );
      expect(out['logits']!.dims).toEqual([3, 3]);
      // A one-hot weighted sum of float32 states, then a length-16 dot product: 1e-6 absolute.
      expect(maxAbsDiff(out['logits']!.data, expected)).toBeLessThan(1e-6);
    });

    it('takes the last position when the graph has no such mask input', async () => {
      const g = addClassificationHead(gpt2, {
        numLabels: 2,
        pooling: 'last',
        attentionMask: 'no_mask_here',
        keepHiddenOutput: true,
        seed: 6,
      });
      const out = await runGraph(g, feeds);
      const expected = expectedAt(
        out['last_hidden_state']!.data,
        [5, 5, 5],
        g.initializers.get('classifier.weight')!.data as Float32Array,
        new Float32Array(2),
      );
      expect(maxAbsDiff(out['logits']!.data, expected)).toBeLessThan(1e-6);
    });
  });

  it('replaces last_hidden_state by logits by default and leaves the input graph unchanged', () => {
    const before = base.nodes.length;
    const g = addClassificationHead(base, { numLabels: 4 });
    expect(g.outputs.map((o) => [o.name, o.shape])).toEqual([['logits', ['batch_size', 4]]]);
    expect(g.initializers.get('classifier.weight')!.dims).toEqual([16, 4]);
    expect(base.nodes.length).toBe(before);
    expect(base.outputs.map((o) => o.name)).toEqual(['last_hidden_state']);
  });

  it('rejects numLabels 0 with INVALID_OPTION and a missing hidden output with UNKNOWN_VALUE', () => {
    expect(() => addClassificationHead(base, { numLabels: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() =>
      addClassificationHead(base, { numLabels: 2, hiddenOutput: 'pooler_output' }),
    ).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_VALUE',
        message: expect.stringContaining("'last_hidden_state'") as string,
      }),
    );
  });
});
