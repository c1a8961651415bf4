import { readReference } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { runNlpft } from './run-nlpft.test-helper';

interface Args {
  logprobs?: (number | string)[] | (number | string)[][];
  probs?: number[] | number[][];
  base?: number;
}
interface Expected {
  perplexity: number | string;
  mean_nll: number | string;
  num_tokens: number;
  per_sequence?: (number | string)[];
}

const perplexity = (stdin: string, extra: string[] = []) =>
  runNlpft(['eval', 'perplexity', ...extra], { stdin });

/** One sequence per line, values separated by spaces ("-Infinity" reads as −∞). */
function lines(
  values: readonly (number | string)[] | readonly (readonly (number | string)[])[],
): string {
  const nested = values.length > 0 && Array.isArray(values[0]);
  const rows = (nested ? values : [values]) as readonly (readonly (number | string)[])[];
  return rows.map((r) => r.join(' ')).join('\n') + '\n';
}

// Natural-log cases with at least one token in every sequence (an empty line is no sequence here).
const cases = readReference<Args, Expected>('metrics/perplexity.json').cases.filter((c) => {
  const values = c.args.logprobs ?? c.args.probs ?? [];
  const rows = Array.isArray(values[0]) ? (values as unknown[][]) : [values];
  return c.args.base === undefined && rows.every((r) => r.length > 0);
});

describe('nlpft eval perplexity', () => {
  it('has reference cases to run', () => expect(cases.length).toBeGreaterThanOrEqual(12));

  it.each(cases)("$id gives numpy's perplexity", async ({ args, expected }) => {
    const values = (args.logprobs ?? args.probs)!;
    const from = args.probs ? ['--from', 'probs'] : [];
    const e = expected!;
    if (typeof e.perplexity === 'number' && Number.isFinite(e.perplexity)) {
      const r = await perplexity(lines(values), [...from, '--json', '--per-sequence']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as {
        perplexity: number;
        meanNll: number;
        tokens: number;
        perSequence: number[];
      };
      expect(out.perplexity).toBeCloseTo(e.perplexity, 10);
      expect(out.meanNll).toBeCloseTo(e.mean_nll as number, 12);
      expect(out.tokens).toBe(e.num_tokens);
      e.per_sequence?.forEach((p, i) => expect(out.perSequence[i]).toBeCloseTo(p as number, 10));
    } else {
      const r = await perplexity(lines(values), from);
      expect(r.stdout).toMatch(new RegExp(`^PPL\\|sequences:1\\|tokens:${e.num_tokens} = inf `));
      const json = await perplexity(lines(values), [...from, '--json']);
      expect((JSON.parse(json.stdout) as { perplexity: unknown }).perplexity).toBe('Infinity');
    }
  });

  it('prints the score line with --width decimals', async () => {
    // exp(mean NLL) of log(0.1), log(0.2), log(0.4) = (0.1·0.2·0.4)^(−1/3) = 5.
    const r = await perplexity(`${Math.log(0.1)} ${Math.log(0.2)} ${Math.log(0.4)}\n`, [
      '--width',
      '2',
    ]);
    expect(r.stdout).toBe(
      `PPL|sequences:1|tokens:3 = 5.00 (NLL = ${(-Math.log(0.008) / 3).toFixed(3)} nats/token)\n`,
    );
  });

  it('pools tokens over lines of every format: arrays, tokenLogProbs, summed nll and mean loss', async () => {
    const stdin = [
      '[-1, -2]', // nll 3 over 2 tokens
      '{"tokenLogProbs": [-0.5], "nll": 99, "tokens": 7}', // tokenLogProbs wins: nll 0.5 over 1
      '{"nll": 4, "tokens": 2}',
      '{"loss": 1.5, "tokens": 4}', // nll 6 over 4
      '',
    ].join('\n');
    const r = await perplexity(stdin, ['--json', '--per-sequence']);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out['tokens']).toBe(9);
    expect(out['sequences']).toBe(4);
    expect(out['meanNll']).toBeCloseTo(13.5 / 9, 14);
    expect(out['perplexity']).toBeCloseTo(Math.exp(13.5 / 9), 12);
    const perSequence = out['perSequence'] as number[];
    [Math.exp(1.5), Math.exp(0.5), Math.exp(2), Math.exp(1.5)].forEach((p, i) =>
      expect(perSequence[i]).toBeCloseTo(p, 12),
    );
  });

  it('names the line of malformed input, and rejects empty input', async () => {
    const bad = await perplexity('-1 -2\n-1 x\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'error[INVALID_INPUT]: nlpft eval perplexity: line 2: expected numbers',
    );
    const keys = await perplexity('{"loss": 1}\n');
    expect(keys.stderr).toContain('line 1: expected "tokenLogProbs"');
    const json = await perplexity('{"loss": \n');
    expect(json.stderr).toContain('line 1: not valid JSON');
    const nan = await perplexity('[1, "a"]\n');
    expect(nan.stderr).toContain('line 1: expected "tokenLogProbs"');
    const empty = await perplexity('\n\n');
    expect(empty.stderr).toContain('nlpft eval perplexity: the input has no sequences');
  });

  it('surfaces the metrics error for a log-probability of +Infinity', async () => {
    const r = await perplexity('-1 Infinity\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error\[MetricsError INVALID_INPUT\]: nlpft eval perplexity: /);
  });
});
