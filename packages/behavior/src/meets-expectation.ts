import { BehaviorError } from './errors';
import type { DirExpectation, Prediction } from './types';

function probability(testName: string, p: Prediction, label: number): number {
  if (p.probs === undefined) {
    throw new BehaviorError(
      'MISSING_PROBABILITIES',
      `runSuite: test ${JSON.stringify(testName)} compares probabilities but predict returned none; ` +
        `return probs, or use a 'label-is' expectation`,
    );
  }
  const value = p.probs[label];
  if (value === undefined) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `runSuite: test ${JSON.stringify(testName)} expects label ${label} but predict returned ` +
        `${p.probs.length} probabilities`,
    );
  }
  return value;
}

/**
 * Internal: whether a directional test passes for one original/perturbed pair (CheckList's DIR expectations:
 * a label to reach, or a monotonic change in one label's probability, with a margin or tolerance).
 */
export function meetsExpectation(
  testName: string,
  e: DirExpectation,
  before: Prediction,
  after: Prediction,
): boolean {
  if (e.type === 'label-is') return after.label === e.label;
  const delta = probability(testName, after, e.label) - probability(testName, before, e.label);
  switch (e.type) {
    case 'increase':
      return delta > (e.margin ?? 0);
    case 'decrease':
      return -delta > (e.margin ?? 0);
    case 'not-decrease':
      return -delta <= (e.tolerance ?? 0);
    case 'not-increase':
      return delta <= (e.tolerance ?? 0);
    default: {
      const unknown: never = e;
      throw new BehaviorError(
        'INVALID_OPTION',
        `runSuite: unknown expectation ${JSON.stringify(unknown)}`,
      );
    }
  }
}
