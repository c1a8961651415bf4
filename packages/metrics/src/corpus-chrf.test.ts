import { readReference } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { chrfFromStatistics, chrfStatistics, corpusChrf, sentenceChrf } from './corpus-chrf';
import type { ChrfOptions, ChrfScore } from './corpus-chrf';

interface ChrfArgs {
  hypotheses?: string[];
  references: (string | null)[][] | string[];
  hypothesis?: string;
  char_order?: number;
  word_order?: number;
  beta?: number;
  lowercase?: boolean;
  whitespace?: boolean;
  eps_smoothing?: boolean;
}
const { cases } = readReference<ChrfArgs, ChrfScore>('metrics/chrf.json', { revive: false });

function optionsOf(args: ChrfArgs): ChrfOptions {
  const options: ChrfOptions = {};
  if (args.char_order !== undefined) options.charOrder = args.char_order;
  if (args.word_order !== undefined) options.wordOrder = args.word_order;
  if (args.beta !== undefined) options.beta = args.beta;
  if (args.lowercase !== undefined) options.lowercase = args.lowercase;
  if (args.whitespace !== undefined) options.whitespace = args.whitespace;
  if (args.eps_smoothing !== undefined) options.epsSmoothing = args.eps_smoothing;
  return options;
}

function expectScore(actual: ChrfScore, expected: ChrfScore): void {
  expect(Math.abs(actual.score - expected.score)).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected.score)),
  );
  expect(actual.formatted).toBe(expected.formatted);
  expect(actual.signature).toBe(expected.signature);
}

describe('corpusChrf', () => {
  const corpus = cases.filter((c) => c.metric === 'chrf_corpus');
  it.each(corpus.filter((c) => c.expected))('$id $tags matches sacrebleu 2.4.3', (c) => {
    expectScore(
      corpusChrf(c.args.hypotheses ?? [], c.args.references as string[][], optionsOf(c.args)),
      c.expected as ChrfScore,
    );
  });
  it.each(corpus.filter((c) => c.error))('$id throws where sacrebleu raises $error.type', (c) => {
    expect(() => corpusChrf(c.args.hypotheses ?? [], c.args.references as string[][])).toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }),
    );
  });
  it('throws INVALID_OPTION for impossible orders and beta', () => {
    expect(() => corpusChrf(['a'], [['a']], { charOrder: 0, wordOrder: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => corpusChrf(['a'], [['a']], { charOrder: 1.5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => corpusChrf(['a'], [['a']], { beta: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
  it('throws LENGTH_MISMATCH for streams of another length', () => {
    expect(() => corpusChrf(['a', 'b'], [['a']])).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH' }),
    );
  });
});

describe('sentenceChrf', () => {
  it.each(cases.filter((c) => c.metric === 'chrf_sentence'))(
    '$id $tags matches sacrebleu 2.4.3',
    (c) => {
      expectScore(
        sentenceChrf(c.args.hypothesis ?? '', c.args.references as string[], optionsOf(c.args)),
        c.expected as ChrfScore,
      );
    },
  );
  it('throws EMPTY_INPUT without references', () => {
    expect(() => sentenceChrf('a', [])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});

describe('chrfStatistics / chrfFromStatistics', () => {
  it.each(cases.filter((c) => c.metric === 'chrf_corpus' && c.expected))(
    '$id: summed statistics give the corpus score',
    (c) => {
      const options = optionsOf(c.args);
      const stats = chrfStatistics(
        c.args.hypotheses ?? [],
        c.args.references as string[][],
        options,
      );
      expect(chrfFromStatistics(stats, options)).toEqual(
        corpusChrf(c.args.hypotheses ?? [], c.args.references as string[][], options),
      );
    },
  );
  it('scores a resample given by indices as the corpus of those segments', () => {
    const hyps = ['the cat sat on the mat', 'a dog ran', 'birds fly high'];
    const refs = ['the cat sat on a mat', 'the dog ran', 'birds fly in the sky'];
    const stats = chrfStatistics(hyps, [refs], { wordOrder: 2 });
    const picked = [1, 1, 2];
    const direct = corpusChrf(
      picked.map((i) => hyps[i] as string),
      [picked.map((i) => refs[i] as string)],
      { wordOrder: 2 },
    );
    expect(chrfFromStatistics(stats, {}, picked)).toEqual(direct);
  });
  it('throws INVALID_INPUT for a malformed row', () => {
    expect(() =>
      chrfFromStatistics({ charOrder: 6, wordOrder: 0, numRefs: 1, rows: [[1]] }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('sentenceChrf on hostile orders (issue #23: it hung)', () => {
  // fast-check's shrunk counterexample: the table sizing doubled an int32 capacity that wrapped to 0 and looped forever.
  it("rejects ('', [''], { charOrder: 1e308 }) with INVALID_OPTION in well under a second", () => {
    const started = performance.now();
    expect(() => sentenceChrf('', [''], { charOrder: 1e308 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: 'sentenceChrf: charOrder must be an integer from 0 to 100, got 1e+308',
      }),
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects wordOrder: 1e9 with INVALID_OPTION', () => {
    expect(() => sentenceChrf('a b', ['a b'], { wordOrder: 1e9 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });

  it('scores charOrder 100 + wordOrder 100 on a 20 000-character text in under 2 s (linear in length)', () => {
    const text = 'the cat sat on a mat '.repeat(1000);
    const started = performance.now();
    const { score } = sentenceChrf(text, [text], { charOrder: 100, wordOrder: 100 });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(score).toBeCloseTo(100, 10);
  });
});
