import { describe, expect, it } from 'vitest';
import { buildBert } from '../builder/build-bert';
import { runGraph } from '../builder/testing';
import { addTokenClassificationHead } from './add-token-classification-head';
import { PAIR_FEEDS, TINY_BERT } from './tiny-bert.test-helper';

describe('addTokenClassificationHead', () => {
  const bert = buildBert(TINY_BERT, { seed: 2 });

  it('scores every token: logits[b, t] = h[b, t]·W + bias (dropout off at inference)', async () => {
    const tagger = addTokenClassificationHead(bert, { numLabels: 3, seed: 3, std: 0.5 });
    expect(tagger.outputs.map((o) => o.name)).toEqual(['logits']);
    const withHidden = tagger.clone();
    withHidden.outputs.push(bert.outputs.find((o) => o.name === 'last_hidden_state')!);
    const out = await runGraph(withHidden, PAIR_FEEDS);
    const h = out['last_hidden_state']!.data;
    const w = tagger.initializers.get('classifier.weight')!.data as Float32Array;
    const logits = out['logits']!;
    expect(logits.dims).toEqual([2, 5, 3]);
    // Recomputed in float64 from the hidden states; the bias is 0 at init.
    for (let t = 0; t < 10; t++)
      for (let c = 0; c < 3; c++) {
        let expected = 0;
        for (let k = 0; k < 8; k++) expected += h[t * 8 + k]! * w[k * 3 + c]!;
        expect(Math.abs(logits.data[t * 3 + c]! - expected)).toBeLessThan(1e-5);
      }
  });

  it('names bad options', () => {
    expect(() => addTokenClassificationHead(bert, { numLabels: 0 })).toThrow(/positive integer/);
    expect(() => addTokenClassificationHead(bert, { numLabels: 2, hiddenOutput: 'x' })).toThrow(
      /no output 'x'/,
    );
  });
});
