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

/**
 * Accuracy, precision, recall, F1 (0 where undefined, as scikit-learn with zero_division=0), confusion, CI. With
 * more than two labels, precision/recall/F1 are macro averages over labels 0 … numLabels − 1 (scikit-learn's
 * 'binary' average rejects multiclass targets).
 */
export function classificationScores(
  yTrue: readonly number[],
  yPred: readonly number[],
  seed = 12345,
  numLabels = 2,
): ClassificationScores {
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
