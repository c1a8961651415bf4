import { describe, expect, it } from 'vitest';
import { meetsExpectation } from './meets-expectation';
import type { DirExpectation } from './types';

const at = (p: number) => ({ label: p > 0.5 ? 1 : 0, probs: [1 - p, p] });

describe('meetsExpectation', () => {
  it.each<[DirExpectation, number, number, boolean]>([
    [{ type: 'label-is', label: 1 }, 0.2, 0.7, true],
    [{ type: 'label-is', label: 1 }, 0.7, 0.2, false],
    [{ type: 'increase', label: 1 }, 0.5, 0.6, true],
    [{ type: 'increase', label: 1 }, 0.5, 0.5, false],
    [{ type: 'increase', label: 1, margin: 0.2 }, 0.5, 0.6, false],
    [{ type: 'decrease', label: 1 }, 0.5, 0.4, true],
    [{ type: 'decrease', label: 0 }, 0.5, 0.6, true],
    [{ type: 'decrease', label: 1, margin: 0.2 }, 0.5, 0.4, false],
    [{ type: 'not-decrease', label: 1 }, 0.5, 0.5, true],
    [{ type: 'not-decrease', label: 1 }, 0.5, 0.4, false],
    [{ type: 'not-decrease', label: 1, tolerance: 0.25 }, 0.5, 0.375, true],
    [{ type: 'not-increase', label: 1 }, 0.5, 0.75, false],
    [{ type: 'not-increase', label: 1, tolerance: 0.25 }, 0.5, 0.75, true],
  ])('%o from P=%d to P=%d passes: %s', (expectation, before, after, passes) => {
    expect(meetsExpectation('t', expectation, at(before), at(after))).toBe(passes);
  });
});
