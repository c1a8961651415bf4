import { bootstrapConfidenceInterval, meanStatistics } from '@nlpft/metrics';
import { describe, expect, it } from 'vitest';
import { reviewReport } from './review-report';
import { reviewReportHtml } from './review-report-html';
import { reviewReportText } from './review-report-text';
import type { StoredRating } from './review-types';
import { sixItems } from './test-items.test-helper';

/** `YY` sensible and specific, `YN` sensible and generic, `N` not sensible. */
type Mark = 'YY' | 'YN' | 'N';
const rate = (rater: string, marks: Record<string, Mark>, comment = ''): StoredRating[] =>
  Object.entries(marks).map(([itemId, m]) => ({
    rater,
    itemId,
    sensible: m !== 'N',
    specific: m === 'YY',
    comment,
    ratedAt: '2025-01-01T00:00:00.000Z',
  }));

// The ratings the browser test enters, too.
const ANN = rate('ann', { a1: 'YY', a2: 'YN', a3: 'N', b1: 'YY', b2: 'N', b3: 'YN' });
const BOB = rate('bob', { a1: 'YY', a2: 'YY', a3: 'N', b1: 'YN', b2: 'YN', b3: 'YN' });

describe('reviewReport with two raters', () => {
  const report = reviewReport(sixItems(), [...ANN, ...BOB], { samples: 500, seed: 3 });

  it('scores each system by a strict majority of its raters per item', () => {
    // alpha: a1 both YY → sensible, specific; a2 both sensible, specific 1 of 2 (a tie is no); a3 neither.
    //   sensibleness 2/3, specificity 1/3, SSA (2/3 + 1/3) / 2 = 1/2.
    // beta: b1 both sensible, specific 1 of 2 → generic; b2 sensible 1 of 2 → not sensible; b3 both YN.
    //   sensibleness 2/3, specificity 0/3, SSA 1/3.
    const [alpha, beta] = report.systems;
    expect(alpha?.system).toBe('alpha');
    expect(alpha?.sensibleness?.value).toBeCloseTo(2 / 3, 12);
    expect(alpha?.specificity?.value).toBeCloseTo(1 / 3, 12);
    expect(alpha?.ssa?.value).toBeCloseTo(1 / 2, 12);
    expect(beta?.sensibleness?.value).toBeCloseTo(2 / 3, 12);
    expect(beta?.specificity?.value).toBe(0);
    expect(beta?.ssa?.value).toBeCloseTo(1 / 3, 12);
    expect([alpha?.items, alpha?.ratedItems, alpha?.ratings]).toEqual([3, 3, 6]);
  });

  it("gives Cohen's and Fleiss' kappa worked out by hand", () => {
    // sensible: ann 1,1,0,1,0,1 and bob 1,1,0,1,1,1 over a1,a2,a3,b1,b2,b3 (sorted by file order).
    //   Cohen: po = 5/6, pe = (4/6)(5/6) + (2/6)(1/6) = 22/36, κ = (30/36 − 22/36) / (14/36) = 4/7.
    //   Fleiss: P̄ = 5/6, p_yes = 9/12 = 3/4, P̄e = 9/16 + 1/16 = 5/8, κ = (5/6 − 5/8) / (3/8) = 5/9.
    // specific (sensible and specific): ann 1,0,0,1,0,0 and bob 1,1,0,0,0,0.
    //   Cohen: po = 4/6, pe = (2/6)(2/6) + (4/6)(4/6) = 5/9, κ = (2/3 − 5/9) / (4/9) = 1/4; Fleiss the same
    //   here (P̄ = 2/3, p_yes = 1/3, P̄e = 5/9).
    const a = report.agreement;
    expect(a?.raters).toEqual(['ann', 'bob']);
    expect(a?.items).toBe(6);
    expect(a?.sensible.cohenKappa).toBeCloseTo(4 / 7, 12);
    expect(a?.sensible.fleissKappa).toBeCloseTo(5 / 9, 12);
    expect(a?.specific.cohenKappa).toBeCloseTo(1 / 4, 12);
    expect(a?.specific.fleissKappa).toBeCloseTo(1 / 4, 12);
  });

  it("takes its intervals from @nlpft/metrics' bootstrap over the per-item majority labels, seeded", () => {
    // alpha's items are sensible 1, 1, 0 (a1, a2, a3 in file order) → the bootstrap of their mean.
    const { stats, score } = meanStatistics([1, 1, 0]);
    const ci = bootstrapConfidenceInterval(stats, score, { samples: 500, seed: 3 });
    const alpha = report.systems[0]?.sensibleness;
    expect([alpha?.lower, alpha?.upper]).toEqual([ci.lower, ci.upper]);
    expect(alpha!.lower).toBeLessThanOrEqual(2 / 3);
    expect(alpha!.upper).toBeGreaterThanOrEqual(2 / 3);
    // beta is generic on every item: no resample can move it.
    expect(report.systems[1]?.specificity).toEqual({ value: 0, lower: 0, upper: 0 });
    expect(reviewReport(sixItems(), [...ANN, ...BOB], { samples: 500, seed: 3 })).toEqual(report);
    expect(report.bootstrap).toEqual({ samples: 500, seed: 3, confidence: 0.95 });
  });

  it('prints a table and the kappas as text', () => {
    const text = reviewReportText(report);
    expect(text).toContain(
      '6 items, 12 ratings by 2 raters (ann, bob); 95% bootstrap intervals from 500 resamples',
    );
    expect(text).toMatch(/^alpha +3\/3 +0\.667 \[/m);
    expect(text).toContain("sensible: Cohen's kappa 0.571, Fleiss' kappa 0.556");
    expect(text).toContain("specific: Cohen's kappa 0.250, Fleiss' kappa 0.250");
  });
});

describe('reviewReport with three raters or one', () => {
  it("gives Fleiss' kappa only, null when every rating is the same", () => {
    const ratings = [
      ...rate('r1', { a1: 'YN', a2: 'YN', a3: 'N', b1: 'YN' }),
      ...rate('r2', { a1: 'YN', a2: 'YN', a3: 'N', b1: 'N' }),
      ...rate('r3', { a1: 'YN', a2: 'N', a3: 'N', b1: 'N' }),
    ];
    const report = reviewReport(sixItems(), ratings, { samples: 50 });
    // sensible yes-counts 3, 2, 0, 1 of 3 raters: P_i = 1, 1/3, 1, 1/3 → P̄ = 2/3; p_yes = 6/12 → P̄e = 1/2;
    // κ = (2/3 − 1/2) / (1/2) = 1/3. Nobody said specific: chance agreement 1, κ is 0/0.
    expect(report.agreement?.sensible).toEqual({ fleissKappa: expect.closeTo(1 / 3, 12) });
    expect(report.agreement?.specific).toEqual({ fleissKappa: null });
    // alpha: a1 3/3, a2 2/3 sensible → yes; a3 no → 2/3. beta: only b1 rated (1 of 3 → no).
    expect(report.systems[0]?.sensibleness?.value).toBeCloseTo(2 / 3, 12);
    expect(report.systems[1]).toMatchObject({ items: 3, ratedItems: 1, ratings: 3 });
    expect(report.systems[1]?.sensibleness?.value).toBe(0);
    expect(reviewReportText(report)).toContain(
      "specific: Fleiss' kappa undefined (every rating the same)",
    );
  });

  it('has no agreement with one rater and no rates for a system nobody rated', () => {
    const report = reviewReport(sixItems(), rate('ann', { a1: 'YY' }, 'short but right'));
    expect(report.agreement).toBeNull();
    expect(report.systems[1]).toEqual({
      system: 'beta',
      items: 3,
      ratedItems: 0,
      ratings: 0,
      sensibleness: null,
      specificity: null,
      ssa: null,
    });
    expect(report.comments).toEqual([
      { itemId: 'a1', system: 'alpha', rater: 'ann', comment: 'short but right' },
    ]);
  });
});

describe('reviewReportHtml', () => {
  it('escapes systems, raters and comments, and draws the SSA chart', () => {
    const items = sixItems();
    const ratings = [
      ...rate('<i>ann</i>', { a1: 'YY', b3: 'YN' }, '<script>alert("x")</script> & more'),
      ...rate('bob', { a1: 'YY', b3: 'N' }),
    ];
    const html = reviewReportHtml(reviewReport(items, ratings, { samples: 20 }));
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<i>ann');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(html).toContain('&lt;i&gt;ann&lt;/i&gt;');
    expect(html).toContain('data-chart="ssa"');
    expect(html).toContain('id="ssa-table"');
    expect(html).toContain('id="agreement-table"');
  });
});
