import { readReference, type ReferenceCase } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { containsNaN, expectClose } from './expect-close.test-helper';
import { perplexity, type TokenValues } from './perplexity';
import { squadCorpus, squadNormalize, squadScore } from './squad';
import { ssa, type SsaRatings } from './ssa';
import type { MetricWarning } from './types';

type Args = Record<string, unknown>;

/** snake_case keys of the reference output → our camelCase keys. */
function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()),
        camel(v),
      ]),
    );
  }
  return value;
}

describe('perplexity reference vectors (numpy 1.24.2)', () => {
  const { cases } = readReference<Args>('metrics/perplexity.json');
  it('covers the 20 cases', () => expect(cases.length).toBe(20));
  const run = (c: ReferenceCase<Args>, onWarning: (w: MetricWarning) => void): unknown => {
    const from = 'probs' in c.args ? 'probs' : 'logprobs';
    const values = c.args[from] as TokenValues;
    const base = c.args['base'] as number | undefined;
    return perplexity(values, {
      from,
      ...(base === undefined || (base as unknown) === 'e' ? {} : { base }),
      onWarning,
    });
  };
  it.each(cases.filter((c) => !containsNaN(c.expected)).map((c) => [c.id, c] as const))(
    '%s matches numpy',
    (_id, c: ReferenceCase<Args>) => {
      const warnings: MetricWarning[] = [];
      expectClose(
        run(c, (w) => warnings.push(w)),
        camel(c.expected),
      );
      expect(warnings).toEqual(c.warnings.map(({ category, message }) => ({ category, message })));
    },
  );
  // numpy's mean of no tokens (perplexity-0018, and an empty sequence in 0019) is NaN; we throw EMPTY_INPUT.
  it.each(cases.filter((c) => containsNaN(c.expected)).map((c) => [c.id, c] as const))(
    '%s throws EMPTY_INPUT where numpy returns NaN',
    (_id, c: ReferenceCase<Args>) => {
      expect(() => run(c, () => undefined)).toThrow(
        expect.objectContaining({ code: 'EMPTY_INPUT' }),
      );
    },
  );
});

describe('SQuAD reference vectors (official v1.1 normalisation)', () => {
  // Texts are never revived: "NaN" would be a real answer.
  const { cases } = readReference<Args>('metrics/squad.json', { revive: false });
  it('covers the 48 cases', () => expect(cases.length).toBe(48));
  const run = (c: ReferenceCase<Args>): unknown => {
    const a = c.args;
    if (c.metric === 'squad_normalize') return squadNormalize(a['text'] as string);
    if (c.metric === 'squad')
      return squadScore(a['prediction'] as string, a['ground_truths'] as string[]);
    return squadCorpus(a['predictions'] as string[], a['ground_truths'] as string[][]);
  };
  it.each(cases.filter((c) => !c.error).map((c) => [c.id, c] as const))('%s matches', (_id, c) => {
    expectClose(run(c), camel(c.expected));
  });
  it.each(cases.filter((c) => c.error).map((c) => [c.id, c] as const))(
    '%s throws EMPTY_INPUT',
    (_id, c) => {
      expect(() => run(c)).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    },
  );
});

describe('SSA reference vectors (project definition)', () => {
  const { cases } = readReference<Args>('metrics/ssa.json', { revive: false });
  it('covers the 10 cases', () => expect(cases.length).toBe(10));
  it.each(cases.filter((c) => !c.error).map((c) => [c.id, c] as const))('%s matches', (_id, c) => {
    const result = ssa(c.args['ratings'] as SsaRatings);
    delete result.perRater;
    expectClose(result, camel(c.expected));
  });
  it.each(cases.filter((c) => c.error).map((c) => [c.id, c] as const))(
    '%s throws EMPTY_INPUT',
    (_id, c) => {
      expect(() => ssa(c.args['ratings'] as SsaRatings)).toThrow(
        expect.objectContaining({ code: 'EMPTY_INPUT' }),
      );
    },
  );
});
