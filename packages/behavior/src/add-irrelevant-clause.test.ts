import { describe, expect, it } from 'vitest';
import { addIrrelevantClause } from './add-irrelevant-clause';
import { drawsRng, expectSeeded } from './perturbation.test-helper';

describe('addIrrelevantClause', () => {
  it('appends the drawn sentence when the second draw is >= 0.5', () => {
    // 6 clauses: draw 0 → 'I read this on a Tuesday.'
    expect(addIrrelevantClause('Great film!', drawsRng([0, 0.9]))).toBe(
      'Great film! I read this on a Tuesday.',
    );
  });

  it('adds a full stop before it when the text has none', () => {
    // draw 0.99 → index 5, 'There are seven days in a week.'
    expect(addIrrelevantClause('Great film', drawsRng([0.99, 0.9]))).toBe(
      'Great film. There are seven days in a week.',
    );
  });

  it('prepends when the second draw is < 0.5', () => {
    // draw 0.2 → index 1, 'It was written in blue ink.'
    expect(addIrrelevantClause('Great film', drawsRng([0.2, 0.1]))).toBe(
      'It was written in blue ink. Great film',
    );
  });

  it('is null for blank text', () => {
    expect(addIrrelevantClause('  ', drawsRng([]))).toBeNull();
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(addIrrelevantClause, 'Great film');
  });
});
