import { describe, expect, it } from 'vitest';
import { loadFixture } from '../pretrained/hf-fixtures.test-helper';
import { SeededRng } from '../seeded-rng';
import { finetuneMultipleChoice } from './finetune-multiple-choice';
import type { MultipleChoiceItem } from './finetune-multiple-choice';
import { NEGATIVE, POSITIVE } from '../pretrained/sentiment-words.test-helper';

// The right choice is the positive review among a negative one and an off-topic one, in random order. The fixtures'
// weights are random, so the task needs no reading of the context: what it tests is one linear score per
// (context, choice) sequence and the softmax over a question's choices. (Tasks where the answer depends on the
// context, like agreeing with its sentiment, stay near chance from random weights: that is what pre-training gives.)
const NOUN = ['movie', 'film', 'plot', 'actor', 'story', 'cat', 'dog'];
function questions(n: number, seed: number): MultipleChoiceItem[] {
  const rng = new SeededRng(seed);
  const pick = (xs: readonly string[]) => xs[rng.int(xs.length)]!;
  return Array.from({ length: n }, () => {
    const choices = [`it was ${pick(POSITIVE)}`, `it was ${pick(NEGATIVE)}`, `the ${pick(NOUN)}`];
    const order = rng.shuffle([0, 1, 2]);
    return {
      context: `what did you think of the ${pick(NOUN)} ?`,
      choices: order.map((j) => choices[j]!),
      label: order.indexOf(0),
    };
  });
}

describe('finetuneMultipleChoice', () => {
  const train = questions(120, 1);
  const test = questions(60, 2);
  const base = { train, test, learningRate: 3e-3, batchSize: 8 };

  it.each(['bert-opset14', 'gpt2-opset14'] as const)(
    'learns to pick the positive review on %s (a linear score per choice, softmax over choices)',
    async (fixture) => {
      const model = loadFixture(fixture).dir;
      const untrained = await finetuneMultipleChoice({
        ...base,
        model,
        epochs: 1,
        learningRate: 0,
      });
      const run = await finetuneMultipleChoice({ ...base, model, epochs: 6 });
      console.log(
        `${fixture}: accuracy ${untrained.accuracy.toFixed(3)} → ${run.accuracy.toFixed(3)} (chance ${run.chance.toFixed(3)})`,
      );
      expect(run.chance).toBeCloseTo(1 / 3, 12);
      expect(run.probabilities[0]).toHaveLength(3);
      expect(run.probabilities[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(run.accuracy).toBeGreaterThan(0.9);
      expect(run.accuracy).toBeGreaterThan(untrained.accuracy + 0.3);
    },
  );

  it('names questions that do not fit', async () => {
    const model = loadFixture('bert-opset14').dir;
    const uneven = [...train.slice(0, 2), { context: 'x', choices: ['a', 'b'], label: 0 }];
    await expect(finetuneMultipleChoice({ ...base, model, train: uneven })).rejects.toThrow(
      /same number \(≥ 2\) of choices/,
    );
    await expect(
      finetuneMultipleChoice({ ...base, model, test: [{ ...test[0]!, label: 3 }] }),
    ).rejects.toThrow(/label 3 is not a choice index 0 … 2/);
  });
});
