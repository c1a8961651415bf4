import { expect } from 'vitest';
import type { MetricsErrorCode } from './errors';

/** Test helper: matches a thrown `MetricsError` by its code, for `toThrow(metricsError('EMPTY_INPUT'))`. */
export function metricsError(code: MetricsErrorCode): Error {
  // An asymmetric matcher, typed as what toThrow accepts.
  return expect.objectContaining({ name: 'MetricsError', code }) as Error;
}
