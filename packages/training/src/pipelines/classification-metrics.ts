import {
  accuracyScore,
  bootstrapConfidenceInterval,
  confusionMatrix,
  f1Score,
  meanStatistics,
  precisionScore,
  recallScore,
} from '@nlpft/metrics';

/** Classification scores on a test split: of label 1 for two labels, macro averages for more. */
export interface ClassificationScores {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Rows true label, columns predicted label, labels 0 … numLabels − 1. */
  confusion: number[][];
  /** 95% percentile bootstrap interval of accuracy (1000 resamples of the test items). */
  accuracyCi: [number, number];
}

/** Options of {@link classificationScores}. */
export interface ClassificationScoresOptions {
  /**
   * Seed of the bootstrap resampling behind `accuracyCi`.
   * @defaultValue 12345
   */
  seed?: number;
  /**
   * Labels are 0 … numLabels − 1; with more than two, precision/recall/F1 are macro averages.
   * @defaultValue 2
   */
  numLabels?: number;
}

/**
 * Accuracy, precision, recall, F1 (0 where undefined, as scikit-learn with zero_division=0), confusion, CI. With
 * more than two labels, precision/recall/F1 are macro averages over labels 0 … numLabels − 1 (scikit-learn's
 * 'binary' average rejects multiclass targets).
 * @example classificationScores([0, 1, 2], [0, 2, 2], { numLabels: 3 })
 */
export function classificationScores(
  yTrue: readonly number[],
  yPred: readonly number[],
  options?: ClassificationScoresOptions,
): ClassificationScores;
/** @deprecated Pass an options object: `classificationScores(yTrue, yPred, { seed, numLabels })`. */
export function classificationScores(
  yTrue: readonly number[],
  yPred: readonly number[],
  seed?: number,
  numLabels?: number,
): ClassificationScores;
export function classificationScores(
  yTrue: readonly number[],
  yPred: readonly number[],
  optionsOrSeed?: ClassificationScoresOptions | number,
  legacyNumLabels?: number,
): ClassificationScores {
  const { seed = 12345, numLabels = 2 } =
    typeof optionsOrSeed === 'object' && optionsOrSeed !== null
      ? optionsOrSeed
      : { seed: optionsOrSeed, numLabels: legacyNumLabels };
  const labels = Array.from({ length: numLabels }, (_, i) => i);
  const opts =
    numLabels > 2
      ? { zeroDivision: 0 as const, average: 'macro' as const, labels }
      : { zeroDivision: 0 as const };
  const { stats, score } = meanStatistics(yTrue.map((y, i) => Number(y === yPred[i])));
  const ci = bootstrapConfidenceInterval(stats, score, { seed, generator: 'xoshiro128' });
  return {
    accuracy: accuracyScore(yTrue, yPred),
    precision: precisionScore(yTrue, yPred, opts),
    recall: recallScore(yTrue, yPred, opts),
    f1: f1Score(yTrue, yPred, opts),
    confusion: confusionMatrix(yTrue, yPred, { labels }).matrix,
    accuracyCi: [ci.lower, ci.upper],
  };
}
