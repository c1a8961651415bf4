import { cohenKappaScore } from './cohen-kappa-score';
import { MetricsError } from './errors';
import { fleissKappa } from './fleiss-kappa';
import { isArray } from './labels';
import type { WarningOptions } from './types';

/** One rater's judgement of one response. */
export interface SsaRating {
  /** Does the response make sense in context? */
  sensible: boolean;
  /** Is it specific to the context? Counts only when sensible (Meena's rule). */
  specific: boolean;
}

/** Per response: one rating, or one rating per rater (rater `r` is position `r` in every list). */
export type SsaRatings = readonly (SsaRating | readonly SsaRating[])[];

export interface SsaScore {
  sensibleness: number;
  specificity: number;
  /** Sensibleness and specificity average. */
  ssa: number;
  numResponses: number;
  numSensible: number;
  numSpecific: number;
}

export interface SsaResult extends SsaScore {
  /** Each rater scored alone over the responses they rated (position r of each list); only for several raters. */
  perRater?: SsaScore[];
}

function checkRating(r: unknown, where: string): SsaRating {
  const x = r as SsaRating | null;
  if (
    x === null ||
    typeof x !== 'object' ||
    typeof x.sensible !== 'boolean' ||
    typeof x.specific !== 'boolean'
  ) {
    throw new MetricsError(
      'INVALID_INPUT',
      `ssa: ${where} must be { sensible: boolean, specific: boolean }`,
    );
  }
  return x;
}

function score(labels: readonly { sensible: boolean; specific: boolean }[]): SsaScore {
  const n = labels.length;
  let numSensible = 0;
  let numSpecific = 0;
  for (const l of labels) {
    if (l.sensible) numSensible++;
    if (l.sensible && l.specific) numSpecific++;
  }
  const sensibleness = numSensible / n;
  const specificity = numSpecific / n;
  return {
    sensibleness,
    specificity,
    ssa: (sensibleness + specificity) / 2,
    numResponses: n,
    numSensible,
    numSpecific,
  };
}

function normalise(ratings: SsaRatings): SsaRating[][] {
  if (!isArray(ratings))
    throw new MetricsError(
      'INVALID_INPUT',
      'ssa: ratings must be an array, one entry per response',
    );
  if (ratings.length === 0)
    throw new MetricsError('EMPTY_INPUT', 'ssa: no ratings; give at least one response');
  return ratings.map((r, i) => {
    if (isArray(r)) {
      const list = r as readonly SsaRating[];
      if (list.length === 0)
        throw new MetricsError('EMPTY_INPUT', `ssa: ratings[${i}] has no rater`);
      return list.map((x, j) => checkRating(x, `ratings[${i}][${j}]`));
    }
    return [checkRating(r, `ratings[${i}]`)];
  });
}

/**
 * Sensibleness and Specificity Average (Adiwardana et al. 2020, Meena) from human ratings. A response that
 * is not sensible is not specific. With several raters each label is a strict majority vote (a tie is
 * false), and a rater's "specific" vote counts only if that rater also said "sensible".
 * @throws {MetricsError} `EMPTY_INPUT` for no responses or a response with an empty rater list;
 *   `INVALID_INPUT` for a malformed rating.
 * @example ssa([{ sensible: true, specific: true }, { sensible: true, specific: false }])
 * // { sensibleness: 1, specificity: 0.5, ssa: 0.75, numResponses: 2, numSensible: 2, numSpecific: 1 }
 * @see https://arxiv.org/abs/2001.09977
 */
export function ssa(ratings: SsaRatings): SsaResult {
  const rows = normalise(ratings);
  const pooled = rows.map((raters) => {
    const n = raters.length;
    const sens = raters.filter((r) => r.sensible).length;
    const spec = raters.filter((r) => r.sensible && r.specific).length;
    return { sensible: sens * 2 > n, specific: sens * 2 > n && spec * 2 > n };
  });
  const result: SsaResult = score(pooled);
  const maxRaters = Math.max(...rows.map((r) => r.length));
  if (ratings.some((r) => isArray(r))) {
    result.perRater = [];
    for (let r = 0; r < maxRaters; r++) {
      result.perRater.push(
        score(rows.filter((row) => row.length > r).map((row) => row[r] as SsaRating)),
      );
    }
  }
  return result;
}

/** `null` for a kappa that is 0/0 (`UNDEFINED_RESULT`); every other error propagates. */
function orNullIfUndefined(kappa: () => number): number | null {
  try {
    return kappa();
  } catch (e) {
    if (e instanceof MetricsError && e.code === 'UNDEFINED_RESULT') return null;
    throw e;
  }
}

/** Agreement between raters on one label. */
export interface RaterAgreement {
  /** Fleiss' kappa over all raters; `null` when it is 0/0 (every rating the same). */
  fleissKappa: number | null;
  /** Cohen's kappa of each pair of raters `[i, j]`, i < j; `null` when that pair's kappa is 0/0. */
  cohenKappa: { raters: [number, number]; kappa: number | null }[];
}

/**
 * Inter-rater agreement of SSA ratings: Fleiss' kappa and pairwise Cohen's kappa for "sensible" and for
 * "specific" (after Meena's rule, so a rating that is not sensible counts as not specific).
 * Every response needs the same raters, at least two. A kappa that is 0/0 (all ratings identical, where
 * statsmodels and scikit-learn give NaN) is `null`, so the other label's and the other pairs' kappas still come back.
 * @throws {MetricsError} `INVALID_INPUT` when responses have different numbers of raters or fewer than 2;
 *   `EMPTY_INPUT` for no responses.
 * @example ssaAgreement([[{ sensible: true, specific: true }, { sensible: true, specific: false }], …]).sensible.fleissKappa
 * @see https://en.wikipedia.org/wiki/Fleiss%27_kappa
 */
export function ssaAgreement(
  ratings: SsaRatings,
  options: WarningOptions = {},
): { sensible: RaterAgreement; specific: RaterAgreement } {
  const rows = normalise(ratings);
  const m = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    if (row.length !== m) {
      throw new MetricsError(
        'INVALID_INPUT',
        `ssaAgreement: ratings[${i}] has ${row.length} raters but ratings[0] has ${m}; agreement needs the same raters on every response`,
      );
    }
  });
  if (m < 2)
    throw new MetricsError(
      'INVALID_INPUT',
      `ssaAgreement: agreement needs at least 2 raters per response, got ${m}`,
    );
  const agreement = (pick: (r: SsaRating) => boolean): RaterAgreement => {
    const table = rows.map((row) => {
      const yes = row.filter(pick).length;
      return [m - yes, yes];
    });
    const cohen: RaterAgreement['cohenKappa'] = [];
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        const a = rows.map((row) => (pick(row[i] as SsaRating) ? 1 : 0));
        const b = rows.map((row) => (pick(row[j] as SsaRating) ? 1 : 0));
        cohen.push({
          raters: [i, j],
          kappa: orNullIfUndefined(() => cohenKappaScore(a, b, { onWarning: options.onWarning })),
        });
      }
    }
    return { fleissKappa: orNullIfUndefined(() => fleissKappa(table, options)), cohenKappa: cohen };
  };
  return {
    sensible: agreement((r) => r.sensible),
    specific: agreement((r) => r.sensible && r.specific),
  };
}
