import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import { trainNaiveBayes } from './naive-bayes.test-helper';
import { predictiveTokens } from './predictive-tokens';
import { shortcutProbe } from './shortcut-probe';
import type { LabelledText, PredictFn } from './types';

const POSITIVE = ['good', 'great', 'excellent', 'loved', 'wonderful'];
const NEGATIVE = ['bad', 'awful', 'boring', 'hated', 'terrible'];
const NEUTRAL = ['the', 'film', 'plot', 'acting', 'story', 'was', 'it', 'movie', 'this', 'i'];

/**
 * Sentiment-like texts: three neutral words and one sentiment word, which agrees with the label with
 * probability `agreement` (noisy in training, clean in the test). `plant(label, rng)` says whether "zqx" is added.
 */
function makeTexts(
  n: number,
  seed: number,
  agreement: number,
  plant: (label: number, rng: () => number) => boolean,
): LabelledText[] {
  const rng = createRng(seed);
  const pick = (list: readonly string[]) => list[Math.floor(rng() * list.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const label = i % 2;
    const agrees = rng() < agreement;
    const words = [pick(NEUTRAL), pick(NEUTRAL), pick(NEUTRAL)];
    words.splice(Math.floor(rng() * 4), 0, pick((label === 1) === agrees ? POSITIVE : NEGATIVE));
    if (plant(label, rng)) words.splice(Math.floor(rng() * 5), 0, 'zqx');
    return { text: words.join(' '), label };
  });
}

// Training: "zqx" in every positive and no negative; the real sentiment word is right 70% of the time.
const train = makeTexts(200, 1, 0.7, (label) => label === 1);
// Test: clean sentiment words; "zqx" in a random half of the texts, whatever the label (so on the wrong class too).
const test = makeTexts(100, 2, 1, (_, rng) => rng() < 0.5);
const strip = (data: readonly LabelledText[]) =>
  data.map(({ text, label }) => ({ text: text.replace(/ ?zqx ?/g, ' ').trim(), label }));

describe('shortcutProbe', () => {
  it('catches a naive Bayes model trained with a planted token', async () => {
    const ranked = predictiveTokens(train, { minCount: 5, top: 5 });
    expect(ranked[0]).toMatchObject({ token: 'zqx', label: 1, counts: [0, 100] });
    expect(ranked[0]!.score).toBeCloseTo(2 * Math.log(100.5 / 0.5), 10);

    const result = await shortcutProbe(test, trainNaiveBayes(train), { tokens: ['zqx'] });
    expect(result.verdict.reliesOnShortcut).toBe(true);
    // Numbers of this seeded data set. Negatives carrying the token are called positive; positives lose it and
    // are pulled negative too, since a fifth of the positive class's token mass sat on "zqx".
    expect(result.affected).toBe(48);
    expect(result.flips).toBe(37);
    expect(result.flipRate).toBe(37 / 48);
    expect(result.accuracyBefore).toBe(0.64);
    expect(result.accuracyAfter).toBe(0.75);
    expect(result.slices.withTokens).toMatchObject({ n: 48, correct: 24 });
    expect(result.slices.withoutTokens).toMatchObject({ n: 52, correct: 40 });
    expect(result.slices.withTokensRemoved).toMatchObject({ n: 48, correct: 35 });
    // The control removes one random other word from each of the 48 texts (each has four to spare).
    expect(result.baseline.n).toBe(48);
    expect(result.baseline.flipRate).toBeLessThan(result.flipRate! - 0.2);
  });

  it('does not flag the same model trained without the planted token (control)', async () => {
    const result = await shortcutProbe(test, trainNaiveBayes(strip(train)), { tokens: ['zqx'] });
    expect(result.verdict.reliesOnShortcut).toBe(false);
    // The token is unknown to this model, and naive Bayes ignores unknown tokens: nothing can flip.
    expect(result.flips).toBe(0);
    expect(result.accuracyAfter).toBe(result.accuracyBefore);
    expect(result.affected).toBe(48);
    expect(result.accuracyBefore).toBe(0.9);
  });
});

describe('shortcutProbe on a hand-made case', () => {
  // Says positive when it sees "zqx" or "good".
  const keyword: PredictFn = (texts) =>
    texts.map((t) => ({ label: /\b(zqx|good)\b/i.test(t) ? 1 : 0 }));
  const small = [
    { text: 'good film ZQX', label: 1 }, // stays positive without zqx
    { text: 'bad zqx film', label: 0 }, // wrong, flips to right
    { text: 'boring zqx', label: 0 }, // wrong, flips to right
    { text: 'good', label: 1 }, // unaffected
  ];

  it('reports accuracy before and after, the flip rate and the slices', async () => {
    const result = await shortcutProbe(small, keyword, { tokens: ['zqx'], minAffected: 3 });
    expect(result).toMatchObject({
      n: 4,
      affected: 3,
      accuracyBefore: 0.5,
      accuracyAfter: 1,
      flips: 2,
      flipRate: 2 / 3,
      mask: null,
    });
    expect(result.slices.withTokens).toMatchObject({ n: 3, correct: 1 });
    expect(result.slices.withoutTokens).toMatchObject({ n: 1, correct: 1 });
    expect(result.slices.withTokensRemoved).toMatchObject({ n: 3, correct: 3 });
    expect(result.examples.map((f) => f.edited)).toEqual(['bad film', 'boring']);
    expect(result.verdict.reliesOnShortcut).toBe(true);
    expect(result.verdict.reason).toBe(
      '2 of 3 texts (66.7%) change label when the shortcut tokens are removed, at least 20%',
    );
  });

  it('removes as many random other tokens as the control; this keyword model keeps its mind there', async () => {
    // Each affected text keeps "zqx" in the control edit, and the model answers 1 whenever it sees "zqx": no flips.
    const result = await shortcutProbe(small, keyword, { tokens: ['zqx'], minAffected: 3 });
    expect(result.baseline).toEqual({ n: 3, flips: 0, flipRate: 0 });
  });

  it('does not blame the suspects when removing any tokens flips the model just as often', async () => {
    // Answers the parity of the word count: every one-word edit flips it, the shortcut's and the control's alike.
    const parity: PredictFn = (texts) =>
      texts.map((t) => ({ label: t.split(/\s+/).filter(Boolean).length % 2 }));
    const data = [
      { text: 'a zqx b', label: 1 },
      { text: 'zqx c d e', label: 0 },
      { text: 'f g zqx', label: 1 },
      { text: 'zqx', label: 1 }, // nothing else to remove: outside the control
    ];
    const result = await shortcutProbe(data, parity, { tokens: ['zqx'], minAffected: 3 });
    expect(result.flipRate).toBe(1);
    expect(result.baseline).toEqual({ n: 3, flips: 3, flipRate: 1 });
    expect(result.verdict.reliesOnShortcut).toBe(false);
    expect(result.verdict.reason).toBe(
      '4 of 4 texts (100.0%) change label when the shortcut tokens are removed, but 3 of 3 (100.0%) do when as ' +
        'many random other tokens are removed: under 20 points more',
    );
  });

  it('draws the control from the seed: the same seed the same edits, another seed other ones', async () => {
    const seen: string[][] = [];
    const recording: PredictFn = (texts) => {
      seen.push([...texts]);
      return texts.map(() => ({ label: 0 }));
    };
    const data = [{ text: 'one two three four five six seven zqx', label: 0 }];
    const controlOf = async (seed: number) => {
      seen.length = 0;
      await shortcutProbe(data, recording, { tokens: ['zqx'], seed });
      return seen.flat().at(-1);
    };
    expect(await controlOf(1)).toBe(await controlOf(1));
    const drawn = new Set<string | undefined>();
    for (const seed of [1, 2, 3, 4, 5]) drawn.add(await controlOf(seed));
    expect(drawn.size).toBeGreaterThan(1);
    for (const text of drawn) expect(text!.split(' ')).toHaveLength(7);
    await expect(
      shortcutProbe(data, recording, { tokens: ['zqx'], seed: 0.5 }),
    ).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });

  it('withholds the verdict when too few texts contain the tokens, and masks when asked', async () => {
    const result = await shortcutProbe(small, keyword, { tokens: ['zqx'], mask: 'the' });
    expect(result.verdict.reliesOnShortcut).toBe(false);
    expect(result.verdict.reason).toContain('only 3 test texts');
    expect(result.examples[0]!.edited).toBe('bad the film');
  });

  it('throws on bad options and on a predict returning too few predictions', async () => {
    await expect(shortcutProbe(small, keyword, { tokens: [] })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
    await expect(
      shortcutProbe(small, keyword, { tokens: ['zqx'], minFlipRate: 2 }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(
      shortcutProbe(small, (texts) => keyword(texts.slice(1)), { tokens: ['zqx'] }),
    ).rejects.toMatchObject({
      code: 'PREDICTION_COUNT_MISMATCH',
      message: expect.stringContaining('shortcutProbe:'),
    });
  });
});
