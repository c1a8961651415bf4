import { describe, expect, it } from 'vitest';
import { cohenKappaScore } from './cohen-kappa-score';
import { fleissKappa } from './fleiss-kappa';
import { ssa, ssaAgreement, type SsaRating } from './ssa';

const R = (sensible: boolean, specific: boolean): SsaRating => ({ sensible, specific });

describe('ssa per rater', () => {
  it('scores each rater alone over the responses they rated', () => {
    const result = ssa([
      [R(true, true), R(true, false)],
      [R(false, true), R(true, true), R(true, true)],
    ]);
    // rater 0: sensible 1/2, specific 1/2 (the second one is not sensible); rater 1: 2/2 and 1/2; rater 2: 1/1, 1/1.
    expect(result.perRater?.map((r) => [r.sensibleness, r.specificity, r.numResponses])).toEqual([
      [0.5, 0.5, 2],
      [1, 0.5, 2],
      [1, 1, 1],
    ]);
    // pooled majority: response 1 sensible (2 of 2) but specific only 1 of 2 (a tie is false); response 2: 2 of 3 both.
    expect([result.sensibleness, result.specificity, result.ssa]).toEqual([1, 0.5, 0.75]);
  });
  it('has no perRater for single ratings', () => {
    expect(ssa([R(true, true)]).perRater).toBeUndefined();
  });
});

describe('ssaAgreement', () => {
  const ratings = [
    [R(true, true), R(true, true)],
    [R(true, false), R(false, false)],
    [R(false, false), R(false, true)],
    [R(true, true), R(true, false)],
    [R(true, true), R(true, true)],
  ];
  it("gives Cohen's kappa of the two raters and Fleiss' kappa on the sensible label", () => {
    const a = ssaAgreement(ratings);
    // sensible: rater 0 = 1,1,0,1,1 and rater 1 = 1,0,0,1,1. Observed agreement 4/5;
    // chance = (4/5)(3/5) + (1/5)(2/5) = 14/25, so kappa = (4/5 − 14/25) / (1 − 14/25) = 6/11.
    expect(a.sensible.cohenKappa).toEqual([{ raters: [0, 1], kappa: expect.closeTo(6 / 11, 12) }]);
    expect(a.sensible.cohenKappa[0]?.kappa).toBeCloseTo(
      cohenKappaScore([1, 1, 0, 1, 1], [1, 0, 0, 1, 1]),
      14,
    );
    // Fleiss with 2 raters: P̄ = 4/5, p_yes = 7/10 → P̄e = 0.49 + 0.09 = 0.58 → (0.8 − 0.58) / 0.42 = 11/21.
    expect(a.sensible.fleissKappa).toBeCloseTo(11 / 21, 12);
    expect(a.sensible.fleissKappa).toBeCloseTo(
      fleissKappa([
        [0, 2],
        [1, 1],
        [2, 0],
        [0, 2],
        [0, 2],
      ]),
      14,
    );
  });
  it("applies Meena's rule to the specific label (not sensible → not specific)", () => {
    const a = ssaAgreement(ratings);
    // specific after the rule: rater 0 = 1,0,0,1,1; rater 1 = 1,0,0,0,1 → 4/5 agree; chance = (3/5)(2/5) + (2/5)(3/5) = 12/25.
    expect(a.specific.cohenKappa[0]?.kappa).toBeCloseTo((4 / 5 - 12 / 25) / (1 - 12 / 25), 12);
  });
  it('reports null kappas, not NaN, when every rating is the same ([[r, r], [r, r]])', () => {
    const a = ssaAgreement([
      [R(true, true), R(true, true)],
      [R(true, true), R(true, true)],
    ]);
    expect(a.sensible.fleissKappa).toBeNull();
    expect(a.specific.fleissKappa).toBeNull();
    expect(a.sensible.cohenKappa).toEqual([{ raters: [0, 1], kappa: null }]);
  });
  it('keeps the defined kappa when only the other label is all the same', () => {
    // sensible: all yes (0/0); specific: rater 0 = 1,0; rater 1 = 1,0 → perfect agreement, kappa 1.
    const a = ssaAgreement([
      [R(true, true), R(true, true)],
      [R(true, false), R(true, false)],
    ]);
    expect(a.sensible.fleissKappa).toBeNull();
    expect(a.specific.fleissKappa).toBeCloseTo(1, 12);
    expect(a.specific.cohenKappa[0]?.kappa).toBeCloseTo(1, 12);
  });
});
