import { MetricsError } from './errors';
import { describeType } from './input-checks';
import { isArray } from './labels';
import { checkOptionKeys } from './option-keys';
import { DEFAULT_ROUGE_TYPES, RougeScorer } from './rouge-scorer';
import type { RougeScore } from './rouge-scorer';

/** Options of {@link corpusRouge}. */
export interface CorpusRougeOptions {
  /** Which ROUGE types. @defaultValue ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] */
  rougeTypes?: readonly string[];
  /** Porter-stem tokens longer than 3 characters. @defaultValue false */
  useStemmer?: boolean;
}

/** Per-item scores and their arithmetic means per type and field. */
export interface CorpusRougeResult {
  perItem: Record<string, RougeScore>[];
  mean: Record<string, RougeScore>;
}

/**
 * ROUGE over a corpus: `RougeScorer.score(targets[i], predictions[i])` per item and the arithmetic mean per
 * type and field. A target may be an array of references, scored
 * with `scoreMulti`. rouge-score's own `BootstrapAggregator` is random, so it is not reproduced.
 * @throws {MetricsError} `INVALID_INPUT` when either list is not an array (or an item not a string);
 *   `EMPTY_INPUT` for an empty corpus (numpy's mean would be NaN); `LENGTH_MISMATCH` when the lists differ in length; `INVALID_OPTION` for a bad type or an unknown option key.
 * @example corpusRouge(['the cat sat'], ['the cat ran']).mean.rouge1.fmeasure // 0.6666666666666666
 */
export function corpusRouge(
  targets: readonly (string | readonly string[])[],
  predictions: readonly string[],
  options: CorpusRougeOptions = {},
): CorpusRougeResult {
  checkOptionKeys('corpusRouge', options, ['rougeTypes', 'useStemmer']);
  if (!isArray(targets) || !isArray(predictions)) {
    throw new MetricsError(
      'INVALID_INPUT',
      `corpusRouge: targets and predictions must be arrays, got ${describeType(targets)} and ${describeType(predictions)}`,
    );
  }
  if (targets.length !== predictions.length) {
    throw new MetricsError(
      'LENGTH_MISMATCH',
      `corpusRouge: targets has ${targets.length} items but predictions has ${predictions.length}; pass one prediction per target`,
    );
  }
  // numpy's mean of nothing is NaN with a RuntimeWarning; a NaN score is never returned silently here.
  if (targets.length === 0) {
    throw new MetricsError(
      'EMPTY_INPUT',
      'corpusRouge: targets is empty; pass at least one target and prediction',
    );
  }
  const types = options.rougeTypes ?? DEFAULT_ROUGE_TYPES;
  const scorer = new RougeScorer(types, { useStemmer: options.useStemmer ?? false });
  const perItem = targets.map((t, i) => {
    const p = predictions[i] as string;
    return typeof t === 'string' ? scorer.score(t, p) : scorer.scoreMulti(t, p);
  });
  const mean: Record<string, RougeScore> = {};
  for (const type of types) {
    let precision = 0;
    let recall = 0;
    let f = 0;
    for (const item of perItem) {
      const s = item[type] as RougeScore;
      precision += s.precision;
      recall += s.recall;
      f += s.fmeasure;
    }
    const n = perItem.length;
    mean[type] = { precision: precision / n, recall: recall / n, fmeasure: f / n };
  }
  return { perItem, mean };
}
