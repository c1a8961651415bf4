import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromPretrained } from '../pretrained/from-pretrained';
import { loadFixture } from '../pretrained/hf-fixtures.test-helper';
import { SeededRng } from '../seeded-rng';
import { continuePretraining } from './continue-pretraining';
import { finetunePretrained } from './finetune-pretrained';

// A "domain" in the fixtures' vocabulary with a structure a language model can learn: every sentence is
// "the ADJ NOUN was ADV ADJ ." with fixed word classes, so held-out perplexity must fall if training works.
const ADJ = ['old', 'new', 'big', 'small', 'happy', 'sad'];
const NOUN = ['movie', 'film', 'plot', 'actor', 'story', 'cat', 'dog', 'house'];
const ADV = ['really', 'very', 'so', 'too'];
function domain(n: number, seed: number): string[] {
  const rng = new SeededRng(seed);
  const pick = (xs: readonly string[]) => xs[rng.int(xs.length)]!;
  return Array.from(
    { length: n },
    () => `the ${pick(ADJ)} ${pick(NOUN)} was ${pick(ADV)} ${pick(ADJ)} .`,
  );
}
const tempDir = () => mkdtempSync(join(tmpdir(), 'nlpft-continue-'));

describe('continuePretraining on foreign exports', () => {
  it('MLM on a BERT body lowers held-out perplexity, saves a body folder, and fine-tuning starts from it', async () => {
    const outputDir = tempDir();
    const run = await continuePretraining({
      model: loadFixture('bert-body').dir,
      train: domain(400, 1),
      heldOut: domain(60, 2),
      steps: 60,
      blockSize: 32,
      learningRate: 3e-3,
      outputDir,
    });
    console.log(
      `mlm: held-out perplexity ${run.heldOutAtStart.perplexity.toFixed(1)} → ${run.heldOut.perplexity.toFixed(1)}`,
    );
    expect(run.objective).toBe('mlm');
    expect(run.heldOut.perplexity).toBeLessThan(run.heldOutAtStart.perplexity * 0.5);
    const saved = fromPretrained(run.modelDir, { dropout: false });
    expect(saved.task).toBe('feature-extraction');
    expect(saved.parameterNames.some((n) => n.startsWith('cls.'))).toBe(false); // the MLM head stays behind
    const original = fromPretrained(loadFixture('bert-body').dir, { dropout: false });
    const w = 'encoder.layer.0.attention.self.query.weight';
    expect(saved.graph.initializers.get(w)!.data).not.toEqual(
      original.graph.initializers.get(w)!.data,
    );
    const tuned = await finetunePretrained({
      model: run.modelDir,
      train: [
        { text: 'the old movie was good', label: 1 },
        { text: 'the old movie was bad', label: 0 },
      ],
      test: [{ text: 'the film was good', label: 1 }],
      epochs: 1,
    });
    expect(tuned.head).toBe('added');
    const again = await continuePretraining({
      model: loadFixture('bert-body').dir,
      train: domain(400, 1),
      heldOut: domain(60, 2),
      steps: 60,
      blockSize: 32,
      learningRate: 3e-3,
      outputDir,
    });
    expect(again.cached).toBe(true);
    expect(again.heldOut).toEqual(run.heldOut);
  });

  it('CLM on a GPT-2 LM export lowers held-out perplexity and keeps the tied head', async () => {
    const run = await continuePretraining({
      model: loadFixture('gpt2-opset14').dir,
      train: domain(400, 1),
      heldOut: domain(60, 2),
      steps: 40,
      blockSize: 32,
      learningRate: 3e-3,
      outputDir: tempDir(),
    });
    console.log(
      `clm: held-out perplexity ${run.heldOutAtStart.perplexity.toFixed(1)} → ${run.heldOut.perplexity.toFixed(1)}`,
    );
    expect(run.objective).toBe('clm');
    expect(run.heldOut.perplexity).toBeLessThan(run.heldOutAtStart.perplexity * 0.5);
    const saved = fromPretrained(run.modelDir, { dropout: false });
    const tables = [...saved.graph.initializers.values()].filter((t) =>
      t.dims.includes(saved.config.vocabSize),
    );
    expect(tables.map((t) => t.name)).toEqual(['transformer.wte.weight']);
  });

  it('names what cannot be pre-trained further', async () => {
    const base = { train: domain(10, 1), heldOut: domain(5, 2), steps: 1, outputDir: tempDir() };
    await expect(
      continuePretraining({ ...base, model: loadFixture('bert-opset14').dir }),
    ).rejects.toThrow(/needs a body export .* this one has a logits head/);
    await expect(
      continuePretraining({ ...base, model: loadFixture('gpt2-body').dir }),
    ).rejects.toThrow(/needs the LM export/);
    await expect(
      continuePretraining({
        ...base,
        model: loadFixture('bert-body').dir,
        blockSize: 512,
        train: ['the'],
      }),
    ).rejects.toMatchObject({ code: 'NOT_ENOUGH_DATA' });
  });
});
