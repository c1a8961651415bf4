import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromPretrained } from '../pretrained/from-pretrained';
import { loadFixture } from '../pretrained/hf-fixtures.test-helper';
import { SeededRng } from '../seeded-rng';
import { finetuneQuestionAnswering } from './finetune-question-answering';
import type { QaItem } from './finetune-question-answering';
import { POSITIVE } from '../pretrained/sentiment-words.test-helper';

// The answer is the one positive word in a context of neutral words: a span task the random-weight fixture can
// learn without reading the question, so what is tested is the windows, the start/end head, the loss and decoding.
const NEUTRAL = [
  'the',
  'movie',
  'film',
  'plot',
  'actor',
  'story',
  'cat',
  'dog',
  'old',
  'new',
  'it',
  'was',
];
function items(n: number, seed: number, words: number): QaItem[] {
  const rng = new SeededRng(seed);
  const pick = (xs: readonly string[]) => xs[rng.int(xs.length)]!;
  return Array.from({ length: n }, () => {
    const ws = Array.from({ length: words }, () => pick(NEUTRAL));
    const at = rng.int(words);
    ws[at] = pick(POSITIVE);
    const context = ws.join(' ');
    const start = ws.slice(0, at).join(' ').length + (at > 0 ? 1 : 0);
    return { question: 'what was good ?', context, answer: { start, text: ws[at] } };
  });
}

describe('finetuneQuestionAnswering on a BERT body export', () => {
  it('learns to extract the span, over several windows per long context, and saves start/end logits', async () => {
    const out = mkdtempSync(join(tmpdir(), 'nlpft-qa-'));
    // maxLength 16 leaves 10 context tokens per window, so 24-word contexts take several (doc stride 5).
    const base = {
      model: loadFixture('bert-body').dir,
      train: items(160, 1, 24),
      test: items(40, 2, 24),
      maxLength: 16,
      docStride: 5,
      learningRate: 3e-3,
      batchSize: 16,
    };
    const untrained = await finetuneQuestionAnswering({ ...base, epochs: 1, learningRate: 0 });
    const run = await finetuneQuestionAnswering({ ...base, epochs: 4, output: out });
    console.log(
      `qa: exact match ${untrained.exactMatch.toFixed(1)} → ${run.exactMatch.toFixed(1)}, F1 ${untrained.f1.toFixed(1)} → ${run.f1.toFixed(1)} in ${run.steps} steps`,
    );
    expect(run.head).toBe('added');
    expect(run.steps).toBeGreaterThan(4 * Math.ceil(160 / 16)); // more windows than items
    expect(run.exactMatch).toBeGreaterThan(80);
    expect(run.exactMatch).toBeGreaterThan(untrained.exactMatch + 50);
    expect(run.predictions).toHaveLength(40);
    const saved = fromPretrained(out, { dropout: false });
    expect(saved.task).toBe('question-answering');
    expect(saved.outputs).toEqual(['start_logits', 'end_logits']);
  });

  it('names an export it cannot train for QA', async () => {
    await expect(
      finetuneQuestionAnswering({
        model: loadFixture('bert-opset14').dir,
        train: items(2, 1, 5),
        test: items(2, 2, 5),
      }),
    ).rejects.toThrow(/extractive QA needs an encoder body export/);
  });
});
