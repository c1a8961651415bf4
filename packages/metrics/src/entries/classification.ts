// Scores over predicted vs true labels
export { accuracyScore, type AccuracyOptions } from '../accuracy-score';
export { balancedAccuracyScore, type BalancedAccuracyOptions } from '../balanced-accuracy-score';
export {
  classificationReport,
  type ClassificationReportDict,
  type ClassificationReportOptions,
  type ClassificationReportRow,
} from '../classification-report';
export { cohenKappaScore, type CohenKappaOptions } from '../cohen-kappa-score';
export {
  confusionMatrix,
  type ConfusionMatrix,
  type ConfusionMatrixOptions,
} from '../confusion-matrix';
export { errorRate } from '../error-rate';
export { f1Score } from '../f1-score';
export { fbetaScore } from '../fbeta-score';
export { matthewsCorrcoef, type MatthewsCorrcoefOptions } from '../matthews-corrcoef';
export {
  precisionRecallFscoreSupport,
  type FbetaOptions,
  type PrecisionRecallFscoreOptions,
  type PrecisionRecallFscoreSupport,
} from '../precision-recall-fscore-support';
export { precisionScore } from '../precision-score';
export { recallScore } from '../recall-score';
export { topKAccuracyScore, type TopKAccuracyOptions } from '../top-k-accuracy-score';

// Scores over predicted probabilities, and calibration
export { brierScoreLoss, type BrierScoreLossOptions } from '../brier-score-loss';
export { logLoss, type LogLossOptions } from '../log-loss';
export {
  calibrationCurve,
  type CalibrationCurve,
  type CalibrationCurveOptions,
  type CalibrationStrategy,
} from '../calibration-curve';
export { expectedCalibrationError, maxCalibrationError } from '../calibration-error';
export {
  reliabilityDiagram,
  ROW_SUM_TOLERANCE,
  type CalibrationErrorOptions,
  type ReliabilityBin,
  type ReliabilityDiagram,
} from '../reliability-diagram';
export {
  reliabilityDiagramSvg,
  type ReliabilityDiagramSvgOptions,
} from '../reliability-diagram-svg';

// Shared types and the error class
export { MetricsError, type MetricsErrorCode } from '../errors';
export type {
  Average,
  Label,
  MetricWarning,
  WarningCategory,
  WarningOptions,
  ZeroDivision,
} from '../types';
