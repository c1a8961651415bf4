import { describe, expect, it } from 'vitest';
import { buildBert } from '../builder/build-bert';
import { runGraph } from '../builder/testing';
import { addQuestionAnsweringHead } from './add-question-answering-head';
import { PAIR_FEEDS, TINY_BERT } from './tiny-bert.test-helper';

describe('addQuestionAnsweringHead', () => {
  const bert = buildBert(TINY_BERT, { seed: 2 });

  it('scores each token twice, start = h·W[:, 0] + b0 and end = h·W[:, 1] + b1', async () => {
    const qa = addQuestionAnsweringHead(bert, { seed: 3, std: 0.5 });
    expect(qa.outputs.map((o) => o.name)).toEqual(['start_logits', 'end_logits']);
    expect(qa.initializers.get('qa_outputs.weight')!.dims).toEqual([8, 2]);
    const withHidden = qa.clone();
    withHidden.outputs.push(bert.outputs.find((o) => o.name === 'last_hidden_state')!);
    const out = await runGraph(withHidden, PAIR_FEEDS);
    const h = out['last_hidden_state']!.data;
    const w = qa.initializers.get('qa_outputs.weight')!.data as Float32Array;
    // Recomputed in float64 from the hidden states; the bias is 0 at init.
    for (const [name, column] of [
      ['start_logits', 0],
      ['end_logits', 1],
    ] as const) {
      const got = out[name]!;
      expect(got.dims).toEqual([2, 5]);
      for (let t = 0; t < 10; t++) {
        let expected = 0;
        for (let k = 0; k < 8; k++) expected += h[t * 8 + k]! * w[k * 2 + column]!;
        expect(Math.abs(got.data[t]! - expected)).toBeLessThan(1e-5);
      }
    }
  });

  it('names a missing hidden output', () => {
    expect(() => addQuestionAnsweringHead(bert, { hiddenOutput: 'nope' })).toThrow(
      /no output 'nope'/,
    );
  });
});
