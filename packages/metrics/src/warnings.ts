import type { MetricWarning, WarningCategory } from './types';

/** Where warnings go when the caller passes no `onWarning`: `console.warn`, like Python's default filter. */
export function defaultOnWarning(warning: MetricWarning): void {
  console.warn(`${warning.category}: ${warning.message}`);
}

/** Reports a warning through the caller's channel. */
export type Warn = (category: WarningCategory, message: string) => void;

/**
 * One warner per public call. Python's default warning filter shows a given warning once per code
 * location, so the reference lists each distinct warning of a call once; we do the same.
 */
export function createWarner(onWarning: ((warning: MetricWarning) => void) | undefined): Warn {
  const seen = new Set<string>();
  const sink = onWarning ?? defaultOnWarning;
  return (category, message) => {
    const key = `${category}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    sink({ category, message });
  };
}

/** numpy's warnings for `mean([])`: 0/0 in a numpy scalar. */
export function warnEmptyMean(warn: Warn): void {
  warn('RuntimeWarning', 'Mean of empty slice.');
  warn('RuntimeWarning', 'invalid value encountered in scalar divide');
}
