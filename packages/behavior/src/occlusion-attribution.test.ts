import { describe, expect, it } from 'vitest';
import { attributionHtml } from './attribution-html';
import { occlusionAttribution } from './occlusion-attribution';
import type { PredictFn } from './types';
import { wordTokens } from './word-tokens';

// A linear keyword scorer: P(1) = 0.5 + Σ weight(token), so removing one token lowers P(1) by its weight exactly.
const WEIGHTS: Readonly<Record<string, number>> = { great: 0.3, good: 0.1, bad: -0.2 };
const linear: PredictFn = (texts) =>
  texts.map((text) => {
    const p = wordTokens(text).reduce((s, t) => s + (WEIGHTS[t.token] ?? 0), 0.5);
    return { label: p > 0.5 ? 1 : 0, probs: [1 - p, p] };
  });

describe('occlusionAttribution', () => {
  it("gives each token its weight in a linear scorer, with the token's offsets", async () => {
    const text = 'A great, good film - not bad';
    const result = await occlusionAttribution(text, linear, { label: 1 });
    expect(result.probability).toBeCloseTo(0.7, 10);
    expect(result.tokens.map((t) => [t.token, text.slice(t.start, t.end)])).toEqual([
      ['a', 'A'],
      ['great', 'great'],
      ['good', 'good'],
      ['film', 'film'],
      ['not', 'not'],
      ['bad', 'bad'],
    ]);
    const expected = [0, 0.3, 0.1, 0, 0, -0.2];
    result.tokens.forEach((t, i) => expect(t.attribution).toBeCloseTo(expected[i]!, 10));
  });

  it('attributes the other label with the opposite sign, and a neutral mask changes nothing', async () => {
    const result = await occlusionAttribution('great but bad', linear, { label: 0, mask: 'unk' });
    const expected = [-0.3, 0, 0.2];
    result.tokens.forEach((t, i) => expect(t.attribution).toBeCloseTo(expected[i]!, 10));
  });

  it('throws without probabilities or with a bad label', async () => {
    const labelsOnly: PredictFn = (texts) => texts.map(() => ({ label: 0 }));
    await expect(occlusionAttribution('a b', labelsOnly, { label: 0 })).rejects.toMatchObject({
      code: 'MISSING_PROBABILITIES',
    });
    await expect(occlusionAttribution('a b', linear, { label: 2 })).rejects.toMatchObject({
      code: 'MISSING_PROBABILITIES',
    });
    await expect(occlusionAttribution('a b', linear, { label: -1 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });
});

describe('attributionHtml', () => {
  it('escapes all text and shades each token by its share of the largest attribution', async () => {
    const result = await occlusionAttribution('<script>great</script> & bad', linear, { label: 1 });
    const html = attributionHtml(result);
    expect(html).not.toContain('<script>');
    expect(html.match(/&(?!amp;|lt;|gt;|quot;|#39;)/g)).toBeNull();
    expect(html).toBe(
      '<p class="nlpft-attribution" data-label="1">&lt;' +
        '<mark style="background: rgba(192, 57, 43, 0)" title="script: +0.000">script</mark>&gt;' +
        '<mark style="background: rgba(192, 57, 43, 1)" title="great: +0.300">great</mark>&lt;/' +
        '<mark style="background: rgba(192, 57, 43, 0)" title="script: +0.000">script</mark>&gt; &amp; ' +
        '<mark style="background: rgba(41, 128, 185, 0.67)" title="bad: -0.200">bad</mark></p>',
    );
  });
});
