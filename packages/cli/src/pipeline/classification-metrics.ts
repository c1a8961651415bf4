import {
  accuracyScore,
  bootstrapConfidenceInterval,
  confusionMatrix,
  f1Score,
  meanStatistics,
  precisionScore,
  recallScore,
} from '@nlpft/metrics';

/** Binary classification scores on a test split (positive label 1). */
export interface ClassificationScores {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Rows true label, columns predicted label, labels [0, 1]. */
  confusion: number[][];
  /** 95% percentile bootstrap interval of accuracy (1000 resamples of the test items). */
  accuracyCi: [number, number];
}

/** Accuracy, precision, recall, F1 (0 where undefined, as scikit-learn with zero_division=0), confusion, CI. */
export function classificationScores(
  yTrue: readonly number[],
  yPred: readonly number[],
  seed = 12345,
): ClassificationScores {
  const opts = { zeroDivision: 0 as const };
  const { stats, score } = meanStatistics(yTrue.map((y, i) => Number(y === yPred[i])));
  const ci = bootstrapConfidenceInterval(stats, score, { seed, generator: 'xoshiro128' });
  return {
    accuracy: accuracyScore(yTrue, yPred),
    precision: precisionScore(yTrue, yPred, opts),
    recall: recallScore(yTrue, yPred, opts),
    f1: f1Score(yTrue, yPred, opts),
    confusion: confusionMatrix(yTrue, yPred, { labels: [0, 1] }).matrix,
    accuracyCi: [ci.lower, ci.upper],
  };
}
