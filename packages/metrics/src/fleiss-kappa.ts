import { numpyDivide } from './balanced-accuracy-score';
import { MetricsError } from './errors';
import { isArray } from './labels';
import { compareCodePoints } from './python-format';
import type { Label, WarningOptions } from './types';
import { createWarner } from './warnings';

/**
 * Counts per subject and category from one row of labels per subject (statsmodels' `aggregate_raters`).
 * @example aggregateRaters([['a', 'a'], ['a', 'b']]) // { table: [[2, 0], [1, 1]], categories: ['a', 'b'] }
 * @see https://www.statsmodels.org/stable/generated/statsmodels.stats.inter_rater.aggregate_raters.html
 */
export function aggregateRaters(data: readonly (readonly Label[])[]): {
  table: number[][];
  categories: Label[];
} {
  if (!isArray(data) || data.some((row) => !isArray(row))) {
    throw new MetricsError(
      'INVALID_INPUT',
      'aggregateRaters: data must be an array of rows of labels, one row per subject',
    );
  }
  const all = new Set<Label>();
  for (const row of data) for (const l of row) all.add(l);
  const values = [...all];
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const categories: Label[] =
    numbers.length === values.length
      ? numbers.sort((a, b) => a - b)
      : values.map(String).sort(compareCodePoints);
  const index = new Map<Label, number>();
  categories.forEach((c, i) => index.set(c, i));
  const numeric = categories.every((c) => typeof c === 'number');
  const table = data.map((row) => {
    const counts = new Array<number>(categories.length).fill(0);
    for (const l of row) {
      const j = index.get(numeric ? l : String(l)) as number;
      counts[j] = (counts[j] as number) + 1;
    }
    return counts;
  });
  return { table, categories };
}

/**
 * Fleiss' kappa for a fixed number of raters per subject: κ = (P̄ − P̄e) / (1 − P̄e), with P̄ the mean
 * pairwise agreement per subject and P̄e = Σ p_j² from the category shares. Same formula as statsmodels'
 * `fleiss_kappa(table, method='fleiss')`. When every rating falls in one category it is 0/0, where statsmodels
 * returns NaN with a RuntimeWarning; we throw `UNDEFINED_RESULT`.
 * @param table one row per subject, one column per category, each entry how many raters chose it.
 * @throws {MetricsError} `EMPTY_INPUT` for no subjects; `UNDEFINED_RESULT` when every rating is in one category; `INVALID_INPUT` when rows differ in length or in their
 *   rater count, hold negative or non-integer counts, or have fewer than 2 raters.
 * @example fleissKappa([[2, 0], [0, 2], [1, 1]]) // 0.33333333333333326 (= 1/3)
 * @see Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychological Bulletin 76(5).
 */
export function fleissKappa(
  table: readonly (readonly number[])[],
  options: WarningOptions = {},
): number {
  const fn = 'fleissKappa';
  const warn = createWarner(options.onWarning);
  if (!isArray(table))
    throw new MetricsError('INVALID_INPUT', `${fn}: table must be an array of rows`);
  if (table.length === 0) throw new MetricsError('EMPTY_INPUT', `${fn}: table has no subjects`);
  const k = table[0]?.length ?? 0;
  let nRat = -1;
  table.forEach((row, i) => {
    if (!isArray(row) || row.length !== k) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: table[${i}] must have ${k} category counts like table[0]`,
      );
    }
    let s = 0;
    row.forEach((c, j) => {
      if (!Number.isInteger(c) || c < 0) {
        throw new MetricsError(
          'INVALID_INPUT',
          `${fn}: table[${i}][${j}] is ${c}; counts are integers >= 0`,
        );
      }
      s += c;
    });
    if (nRat < 0) nRat = s;
    if (s !== nRat) {
      throw new MetricsError(
        'INVALID_INPUT',
        `${fn}: table[${i}] has ${s} ratings but table[0] has ${nRat}; Fleiss' kappa needs the same number of raters per subject`,
      );
    }
  });
  if (nRat < 2)
    throw new MetricsError(
      'INVALID_INPUT',
      `${fn}: each subject needs at least 2 ratings, got ${nRat}`,
    );
  const nSub = table.length;
  const pCat = new Array<number>(k).fill(0);
  let pMean = 0;
  for (const row of table) {
    let sq = 0;
    row.forEach((c, j) => {
      pCat[j] = (pCat[j] as number) + c;
      sq += c * c;
    });
    // P_i = (Σ_j n_ij² − n) / (n (n − 1)): the share of agreeing rater pairs on subject i.
    pMean += (sq - nRat) / (nRat * (nRat - 1));
  }
  pMean /= nSub;
  let pExp = 0;
  for (const c of pCat) {
    const p = c / (nSub * nRat);
    pExp += p * p;
  }
  // statsmodels divides 0/0 here and returns nan; we say why instead.
  if (1 - pExp === 0) {
    throw new MetricsError(
      'UNDEFINED_RESULT',
      `${fn}: kappa is 0/0 because every rating falls in one category (chance agreement is 1); statsmodels returns nan here`,
    );
  }
  return numpyDivide(pMean - pExp, 1 - pExp, warn);
}
