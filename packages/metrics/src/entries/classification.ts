export { accuracyScore } from '../accuracy-score';
export { balancedAccuracyScore } from '../balanced-accuracy-score';
export { classificationReport } from '../classification-report';
export { cohenKappaScore } from '../cohen-kappa-score';
export { confusionMatrix } from '../confusion-matrix';
export { errorRate } from '../error-rate';
export { f1Score } from '../f1-score';
export { fbetaScore } from '../fbeta-score';
export { matthewsCorrcoef } from '../matthews-corrcoef';
export { precisionRecallFscoreSupport } from '../precision-recall-fscore-support';
export { precisionScore } from '../precision-score';
export { recallScore } from '../recall-score';
export { topKAccuracyScore } from '../top-k-accuracy-score';
export { brierScoreLoss } from '../brier-score-loss';
export { logLoss } from '../log-loss';
export { calibrationCurve } from '../calibration-curve';
export { expectedCalibrationError, maxCalibrationError } from '../calibration-error';
export { reliabilityDiagram, ROW_SUM_TOLERANCE } from '../reliability-diagram';
export { reliabilityDiagramSvg } from '../reliability-diagram-svg';
export { MetricsError } from '../errors';
export type { MetricsErrorCode } from '../errors';
export type { AccuracyOptions } from '../accuracy-score';
export type { BalancedAccuracyOptions } from '../balanced-accuracy-score';
export type {
  ClassificationReportDict,
  ClassificationReportOptions,
  ClassificationReportRow,
} from '../classification-report';
export type { CohenKappaOptions } from '../cohen-kappa-score';
export type { ConfusionMatrix, ConfusionMatrixOptions } from '../confusion-matrix';
export type { MatthewsCorrcoefOptions } from '../matthews-corrcoef';
export type {
  FbetaOptions,
  PrecisionRecallFscoreOptions,
  PrecisionRecallFscoreSupport,
} from '../precision-recall-fscore-support';
export type { TopKAccuracyOptions } from '../top-k-accuracy-score';
export type { BrierScoreLossOptions } from '../brier-score-loss';
export type { LogLossOptions } from '../log-loss';
export type {
  CalibrationCurve,
  CalibrationCurveOptions,
  CalibrationStrategy,
} from '../calibration-curve';
export type {
  CalibrationErrorOptions,
  ReliabilityBin,
  ReliabilityDiagram,
} from '../reliability-diagram';
export type { ReliabilityDiagramSvgOptions } from '../reliability-diagram-svg';
export type {
  Average,
  Label,
  MetricWarning,
  WarningCategory,
  WarningOptions,
  ZeroDivision,
} from '../types';
