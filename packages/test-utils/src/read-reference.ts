import { readFileSync } from 'node:fs';
import { fixturePath } from './fixtures-dir';

/** One recorded case of a reference implementation: its inputs and either its output or its error. */
export interface ReferenceCase<Args = Record<string, unknown>, Expected = unknown> {
  id: string;
  tags: string[];
  metric: string;
  args: Args;
  expected?: Expected;
  error?: { type: string; message: string };
  warnings: { category: string; message: string }[];
}

export interface ReferenceFile<Args = Record<string, unknown>, Expected = unknown> {
  family: string;
  count: number;
  references: Record<string, string>;
  cases: ReferenceCase<Args, Expected>[];
}

const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** Turns the strings "NaN", "Infinity" and "-Infinity" back into numbers, as the vectors' README says. */
export function reviveNonFinite(value: unknown): unknown {
  if (typeof value === 'string' && value in NON_FINITE) return NON_FINITE[value];
  if (Array.isArray(value)) return value.map(reviveNonFinite);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveNonFinite(v)]));
  }
  return value;
}

/**
 * Reads `fixtures/reference-vectors/<relativePath>`.
 * @param options.revive turn "NaN"/"Infinity" strings into numbers (default true); switch it off where
 *   such a string is a real label or text.
 */
export function readReference<Args = Record<string, unknown>, Expected = unknown>(
  relativePath: string,
  options: { revive?: boolean } = {},
): ReferenceFile<Args, Expected> {
  const text = readFileSync(fixturePath('reference-vectors', relativePath), 'utf8');
  const parsed = JSON.parse(text) as ReferenceFile<Args, Expected>;
  return options.revive === false
    ? parsed
    : (reviveNonFinite(parsed) as ReferenceFile<Args, Expected>);
}

/** The text of a tokenizer file under `fixtures/tokenizers/<model>/`. */
export function readFixtureTokenizer(model: string, file = 'tokenizer.json'): string {
  return readFileSync(fixturePath('tokenizers', model, file), 'utf8');
}
