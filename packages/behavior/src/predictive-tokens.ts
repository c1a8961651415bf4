import { checkOptions } from './argument-checks';
import { checkLabelled } from './check-labelled';
import { BehaviorError } from './errors';
import type { LabelledText, Tokenize } from './types';
import { wordTokens } from './word-tokens';

/** Options of `predictiveTokens`. */
export interface PredictiveTokensOptions {
  /** Splits texts into tokens. @defaultValue `wordTokens` (lower-cased words) */
  tokenize?: Tokenize;
  /** Least number of training texts a token must occur in to be scored. @defaultValue 3 */
  minCount?: number;
  /** How many tokens to return. @defaultValue 20 */
  top?: number;
  /** Pseudo-count added to each cell of the 2×2 table. @defaultValue 0.5 (Haldane–Anscombe) */
  smoothing?: number;
}

/** A token strongly associated with one label of the training set. */
export interface PredictiveToken {
  token: string;
  /** The label the token is most associated with. */
  label: number;
  /** Smoothed log odds ratio of the token's presence for `label` versus the other labels (natural log). */
  score: number;
  /** Training texts of each label (index = label) that contain the token. */
  counts: number[];
}

function checkCount(name: string, value: number, least: number): void {
  if (!Number.isInteger(value) || value < least) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `predictiveTokens: ${name} must be an integer ≥ ${least}, got ${value}`,
    );
  }
}

/**
 * The tokens whose presence best predicts a label in the training set — candidate shortcuts to probe with
 * `shortcutProbe`. Each text counts once per token (document frequency), so a repeated word is not inflated.
 * For a token and a label `c`, with `a` / `b` the texts of label `c` with / without the token and `c'` / `d` the
 * texts of the other labels with / without it, the score is the smoothed log odds ratio
 * `ln((a + α)(d + α) / ((b + α)(c' + α)))`, α = `smoothing`. It is chosen over PMI because it is symmetric in
 * presence and absence and does not favour rare tokens as strongly (PMI of a token seen once in one class is
 * maximal); α = 0.5 keeps it finite when a cell is 0. Each token is reported for its best label; tokens are
 * ranked by score, ties by the number of texts containing them, then alphabetically. Only positive scores count.
 * @throws {BehaviorError} `EMPTY_INPUT` without training texts; `INVALID_OPTION` for a bad label or option.
 * @example predictiveTokens(train, { minCount: 5, top: 3 }) // [{ token: 'zqx', label: 1, score: 7.43, counts: [0, 20] }, …]
 * @see https://doi.org/10.1093/pan/mpn018 (Monroe et al., "Fightin' Words": log odds ratios for word-class association)
 */
export function predictiveTokens(
  train: readonly LabelledText[],
  options: PredictiveTokensOptions = {},
): PredictiveToken[] {
  checkOptions('predictiveTokens: options', options);
  const { tokenize = wordTokens, minCount = 3, top = 20, smoothing = 0.5 } = options;
  checkLabelled(train, 'predictiveTokens: train');
  if (train.length === 0) {
    throw new BehaviorError('EMPTY_INPUT', 'predictiveTokens: train is empty; pass labelled texts');
  }
  checkCount('minCount', minCount, 1);
  checkCount('top', top, 0);
  if (!(smoothing > 0) || !Number.isFinite(smoothing)) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `predictiveTokens: smoothing must be a positive finite number, got ${smoothing}`,
    );
  }
  const labels = Math.max(...train.map((e) => e.label)) + 1;
  const docs = new Array<number>(labels).fill(0);
  const counts = new Map<string, number[]>();
  for (const { text, label } of train) {
    docs[label]!++;
    for (const token of new Set(tokenize(text).map((t) => t.token))) {
      const row = counts.get(token) ?? new Array<number>(labels).fill(0);
      row[label]!++;
      counts.set(token, row);
    }
  }
  const out: PredictiveToken[] = [];
  const sum = (row: readonly number[]) => row.reduce((s, k) => s + k, 0);
  for (const [token, row] of counts) {
    const total = sum(row);
    if (total < minCount) continue;
    let best: PredictiveToken | undefined;
    for (let c = 0; c < labels; c++) {
      const a = row[c]!;
      const b = docs[c]! - a;
      const cOther = total - a;
      const d = train.length - docs[c]! - cOther;
      const score =
        Math.log(a + smoothing) +
        Math.log(d + smoothing) -
        Math.log(b + smoothing) -
        Math.log(cOther + smoothing);
      if (score > 0 && (best === undefined || score > best.score)) {
        best = { token, label: c, score, counts: [...row] };
      }
    }
    if (best) out.push(best);
  }
  out.sort(
    (x, y) =>
      y.score - x.score ||
      sum(y.counts) - sum(x.counts) ||
      (x.token < y.token ? -1 : x.token > y.token ? 1 : 0),
  );
  return out.slice(0, top);
}
