import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromPretrained } from '../pretrained/from-pretrained';
import { loadFixture } from '../pretrained/hf-fixtures.test-helper';
import { SeededRng } from '../seeded-rng';
import { encodeTaggedSentence, finetuneTokenClassification } from './finetune-token-classification';
import type { TaggedSentence } from './finetune-token-classification';
import { pairTemplateOf } from './pair-template-of';
import { NEGATIVE, POSITIVE } from '../pretrained/sentiment-words.test-helper';

// Tags of a sentiment lexicon: O for neutral words, POS and NEG for sentiment words. "played" splits into
// "play ##ed" in the fixture vocabulary, so sub-token alignment is exercised.
const NEUTRAL = [
  'the',
  'movie',
  'film',
  'played',
  'actor',
  'story',
  'cat',
  'dog',
  'old',
  'it',
  'was',
];
function sentences(n: number, seed: number): TaggedSentence[] {
  const rng = new SeededRng(seed);
  const pick = (xs: readonly string[]) => xs[rng.int(xs.length)]!;
  return Array.from({ length: n }, () => {
    const words: string[] = [];
    const tags: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = rng.int(5);
      const tag = r === 0 ? 1 : r === 1 ? 2 : 0;
      words.push(pick(tag === 1 ? POSITIVE : tag === 2 ? NEGATIVE : NEUTRAL));
      tags.push(tag);
    }
    return { words, tags };
  });
}

describe('finetuneTokenClassification on a BERT body export', () => {
  const model = loadFixture('bert-body').dir;

  it('tags the first sub-token of each word and ignores the rest, as HF’s label_all_tokens=False', () => {
    const opened = fromPretrained(model);
    const tok = opened.tokenizer!;
    const e = encodeTaggedSentence(
      tok,
      { words: ['it', 'played', 'good'], tags: [0, 0, 1] },
      32,
      pairTemplateOf(opened),
    );
    const tokens = e.ids.map((id) => tok.idToToken(id));
    expect(tokens).toEqual(['[CLS]', 'it', 'play', '##ed', 'good', '[SEP]']);
    expect(e.labels).toEqual([-100, 0, 0, -100, 1, -100]);
  });

  it('learns the tags (word-level macro F1) and saves a tagger folder', async () => {
    const labels = ['O', 'POS', 'NEG'];
    const base = {
      model,
      train: sentences(120, 1),
      test: sentences(40, 2),
      labels,
      learningRate: 3e-3,
      batchSize: 16,
    };
    const untrained = await finetuneTokenClassification({ ...base, epochs: 1, learningRate: 0 });
    const out = mkdtempSync(join(tmpdir(), 'nlpft-tagger-'));
    const run = await finetuneTokenClassification({ ...base, epochs: 15, output: out });
    console.log(
      `tagging: accuracy ${untrained.accuracy.toFixed(3)} → ${run.accuracy.toFixed(3)}, macro F1 ${untrained.f1.toFixed(3)} → ${run.f1.toFixed(3)}`,
    );
    expect(run.head).toBe('added');
    expect(run.predictions.map((p) => p.length)).toEqual(base.test.map((s) => s.words.length));
    expect(run.f1).toBeGreaterThan(0.9);
    expect(run.f1).toBeGreaterThan(untrained.f1 + 0.3);
    expect(run.confusion).toHaveLength(3);
    const saved = fromPretrained(out, { dropout: false });
    expect(saved.config.id2label).toEqual(labels);
    expect(saved.outputs).toEqual(['logits']);
  });

  it('names mismatched words and tags', async () => {
    await expect(
      finetuneTokenClassification({
        model,
        train: [{ words: ['a', 'b'], tags: [0] }],
        test: sentences(2, 2),
      }),
    ).rejects.toThrow(/2 words but 1 tags/);
    await expect(
      finetuneTokenClassification({
        model,
        train: sentences(2, 1),
        test: sentences(2, 2),
        labels: ['O', 'POS'],
      }),
    ).rejects.toThrow(/tag 2 is not an integer in 0 … 1/);
  });
});
