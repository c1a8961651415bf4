/** A class label: scikit-learn accepts numbers or strings, and so do we (not both in one argument). */
export type Label = number | string;

/** The Python warning class that the reference raises; `category` mirrors its name. */
export type WarningCategory = 'UndefinedMetricWarning' | 'RuntimeWarning' | 'UserWarning';

/** A warning the reference would have printed, delivered to `onWarning` instead. */
export interface MetricWarning {
  /** Python's warning category, e.g. scikit-learn's `UndefinedMetricWarning`. */
  category: WarningCategory;
  /** The reference's message, word for word. */
  message: string;
}

/** Options shared by every function that can warn. */
export interface WarningOptions {
  /**
   * Called once per distinct warning of a call (Python shows each warning once per location).
   * @defaultValue writes `Category: message` with `console.warn`
   */
  onWarning?: (warning: MetricWarning) => void;
}

/** scikit-learn's `average`: `null` returns one value per label. `'samples'` exists only for multilabel input. */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted' | 'samples' | null;

/**
 * What an ill-defined precision, recall or F-score becomes: `'warn'` gives 0 and reports an
 * `UndefinedMetricWarning`; `0` and `1` give that value silently; `NaN` gives NaN (scikit-learn ≥ 1.3's
 * option, averaged with NaN values left out).
 */
export type ZeroDivision = 'warn' | number;
