import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { squadNormalize, squadScore } from './squad';

interface SquadCase {
  metric: 'squad_normalize' | 'squad';
  args: { text?: string; prediction?: string; ground_truths?: string[] };
  expected: string | { exact_match: number; f1: number };
}

// Made by scripts/gen-squad-cases.py (seed 5): random strings full of Python/JavaScript text differences.
const cases = JSON.parse(
  readFileSync(new URL('../fixtures/squad-random-cases.json', import.meta.url), 'utf8'),
) as SquadCase[];

describe('SQuAD v1.1 on random Unicode strings (scripts/gen-squad-cases.py)', () => {
  it.each(
    cases
      .filter((c) => c.metric === 'squad_normalize')
      .map((c) => [JSON.stringify(c.args.text), c] as const),
  )('normalises %s like Python', (_t, c) => {
    expect(squadNormalize(c.args.text ?? '')).toBe(c.expected);
  });
  it.each(cases.filter((c) => c.metric === 'squad').map((c, i) => [i, c] as const))(
    'scores pair %i like Python',
    (_i, c) => {
      const e = c.expected as { exact_match: number; f1: number };
      const r = squadScore(c.args.prediction ?? '', c.args.ground_truths ?? []);
      expect(r.exactMatch).toBe(e.exact_match);
      expect(r.f1).toBeCloseTo(e.f1, 12);
    },
  );
});
