import { bootstrapConfidenceInterval, ssa, ssaAgreement } from '@nlpft/metrics';
import type { SsaRating } from '@nlpft/metrics';
import type { ReviewItem, ReviewItems, StoredRating } from './review-types';

/** A rate over items with its bootstrap percentile interval. */
export interface RateWithInterval {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}

/** SSA of one system (Adiwardana et al. 2020), over its items that have at least one rating. */
export interface SystemSsa {
  readonly system: string;
  /** Items of this system in the file. */
  readonly items: number;
  /** Items with at least one rating: the denominator of the rates. */
  readonly ratedItems: number;
  readonly ratings: number;
  /** Share of rated items judged sensible (majority of their raters; a tie is no). `null` before any rating. */
  readonly sensibleness: RateWithInterval | null;
  /** Share judged sensible and specific. */
  readonly specificity: RateWithInterval | null;
  /** (sensibleness + specificity) / 2. */
  readonly ssa: RateWithInterval | null;
}

/** Agreement on one label; kappas are `null` when 0/0 (every rating the same). */
export interface LabelAgreement {
  /** Fleiss' kappa over all raters. */
  readonly fleissKappa: number | null;
  /** Cohen's kappa, only when there are exactly two raters. */
  readonly cohenKappa?: number | null;
}

/** Inter-rater agreement over the items every rater has rated. */
export interface ReviewAgreement {
  /** The raters, sorted. */
  readonly raters: readonly string[];
  /** Items rated by all of them. */
  readonly items: number;
  readonly sensible: LabelAgreement;
  /** On "sensible and specific" (what is not sensible counts as not specific). */
  readonly specific: LabelAgreement;
}

/** What `nlpft review --report` measures. */
export interface ReviewReport {
  readonly itemsSha256: string;
  readonly items: number;
  /** Everyone who rated, sorted. */
  readonly raters: readonly string[];
  readonly ratings: number;
  readonly bootstrap: {
    readonly samples: number;
    readonly seed: number;
    readonly confidence: number;
  };
  /** In order of first appearance in the items file. */
  readonly systems: readonly SystemSsa[];
  /** `null` with fewer than two raters or no item that all of them rated. */
  readonly agreement: ReviewAgreement | null;
  /** Every non-empty comment, by item then rater, with the system (the report is not blind). */
  readonly comments: readonly {
    readonly itemId: string;
    readonly system: string;
    readonly rater: string;
    readonly comment: string;
  }[];
}

/** Options of {@link reviewReport}. */
export interface ReviewReportOptions {
  /** Bootstrap resamples. @defaultValue 1000 */
  samples?: number;
  /** Resampling seed. @defaultValue 12345 */
  seed?: number;
  /** Interval coverage. @defaultValue 0.95 */
  confidence?: number;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function systemSsa(
  system: string,
  items: readonly ReviewItem[],
  ratingsOf: Map<string, StoredRating[]>,
  options: Required<ReviewReportOptions>,
): SystemSsa {
  const rated = items.map((i) => ratingsOf.get(i.id) ?? []).filter((r) => r.length > 0);
  const ratings = rated.reduce((n, r) => n + r.length, 0);
  if (rated.length === 0)
    return {
      system,
      items: items.length,
      ratedItems: 0,
      ratings,
      sensibleness: null,
      specificity: null,
      ssa: null,
    };
  const lists: SsaRating[][] = rated.map((r) =>
    r.map((x) => ({ sensible: x.sensible, specific: x.specific })),
  );
  // @nlpft/metrics' ssa: a strict majority of an item's raters decides each label (Meena's rule inside).
  const whole = ssa(lists);
  // Per-item statistics [sensible, specific, 1] under the same rule, so the bootstrap re-scores resampled items.
  const stats = lists.map((l) => {
    const one = ssa([l]);
    return [one.numSensible, one.numSpecific, 1];
  });
  const bootstrap = (value: number, score: (t: Float64Array) => number): RateWithInterval => {
    // The same seed draws the same resamples for all three rates, so their intervals are of one bootstrap.
    const ci = bootstrapConfidenceInterval(stats, score, {
      samples: options.samples,
      seed: options.seed,
      confidence: options.confidence,
    });
    return { value, lower: ci.lower, upper: ci.upper };
  };
  const at = (t: Float64Array, i: number): number => t[i] as number;
  return {
    system,
    items: items.length,
    ratedItems: rated.length,
    ratings,
    sensibleness: bootstrap(whole.sensibleness, (t) => at(t, 0) / at(t, 2)),
    specificity: bootstrap(whole.specificity, (t) => at(t, 1) / at(t, 2)),
    ssa: bootstrap(whole.ssa, (t) => (at(t, 0) + at(t, 1)) / (2 * at(t, 2))),
  };
}

function agreement(
  raters: readonly string[],
  items: readonly ReviewItem[],
  ratingsOf: Map<string, StoredRating[]>,
): ReviewAgreement | null {
  if (raters.length < 2) return null;
  // Kappa needs every rater on every item it counts: the items all raters rated, raters in sorted order.
  const rows: SsaRating[][] = [];
  for (const item of items) {
    const byRater = new Map((ratingsOf.get(item.id) ?? []).map((r) => [r.rater, r]));
    if (raters.every((r) => byRater.has(r)))
      rows.push(raters.map((r) => byRater.get(r) as StoredRating));
  }
  if (rows.length === 0) return null;
  const k = ssaAgreement(rows);
  const label = (a: typeof k.sensible): LabelAgreement =>
    raters.length === 2
      ? { fleissKappa: a.fleissKappa, cohenKappa: a.cohenKappa[0]?.kappa ?? null }
      : { fleissKappa: a.fleissKappa };
  return { raters, items: rows.length, sensible: label(k.sensible), specific: label(k.specific) };
}

/**
 * SSA per system with bootstrap intervals (resampling the system's rated items with `@nlpft/metrics`'
 * `bootstrapConfidenceInterval`), and inter-rater agreement (`ssaAgreement`: Fleiss' kappa, and Cohen's kappa for
 * exactly two raters) over the items every rater rated.
 * @throws {MetricsError} `INVALID_OPTION` for a bad `samples` or `confidence`.
 * @example reviewReport(items, db.all(), { samples: 1000, seed: 1 }).systems[0].ssa?.value
 * @see https://arxiv.org/abs/2001.09977
 */
export function reviewReport(
  items: ReviewItems,
  ratings: readonly StoredRating[],
  options: ReviewReportOptions = {},
): ReviewReport {
  const resolved = {
    samples: options.samples ?? 1000,
    seed: options.seed ?? 12345,
    confidence: options.confidence ?? 0.95,
  };
  const ratingsOf = new Map<string, StoredRating[]>();
  for (const r of ratings) ratingsOf.set(r.itemId, [...(ratingsOf.get(r.itemId) ?? []), r]);
  const systems = new Map<string, ReviewItem[]>();
  for (const item of items.items)
    systems.set(item.system, [...(systems.get(item.system) ?? []), item]);
  const raters = [...new Set(ratings.map((r) => r.rater))].sort(compare);
  const itemById = new Map(items.items.map((i) => [i.id, i]));
  const comments = items.items.flatMap((item) =>
    (ratingsOf.get(item.id) ?? [])
      .filter((r) => r.comment.trim() !== '')
      .sort((a, b) => compare(a.rater, b.rater))
      .map((r) => ({ itemId: item.id, system: item.system, rater: r.rater, comment: r.comment })),
  );
  return {
    itemsSha256: items.sha256,
    items: items.items.length,
    raters,
    ratings: ratings.filter((r) => itemById.has(r.itemId)).length,
    bootstrap: resolved,
    systems: [...systems].map(([system, list]) => systemSsa(system, list, ratingsOf, resolved)),
    agreement: agreement(raters, items.items, ratingsOf),
    comments,
  };
}
