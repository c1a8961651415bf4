import { readReference } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { bleuTokenize } from './bleu-tokenizers';
import type { BleuTokenizerName } from './bleu-tokenizers';
import { bleuFromStatistics, bleuStatistics, corpusBleu, sentenceBleu } from './corpus-bleu';
import type { BleuOptions, BleuScore, SmoothMethod } from './corpus-bleu';
import type { GenerationWarning } from './generation-warning';

interface BleuArgs {
  hypotheses?: string[];
  references?: (string | null)[][] | string[];
  hypothesis?: string;
  text?: string;
  tokenize?: BleuTokenizerName;
  smooth_method?: SmoothMethod;
  smooth_value?: number;
  lowercase?: boolean;
  use_effective_order?: boolean;
  force?: boolean;
  max_ngram_order?: number;
}
interface BleuExpected {
  score: number;
  counts: number[];
  totals: number[];
  precisions: number[];
  bp: number;
  sys_len: number;
  ref_len: number;
  ratio: number;
  formatted: string;
  signature: string;
}

const { cases } = readReference<BleuArgs, BleuExpected>('metrics/bleu.json', { revive: false });

function optionsOf(args: BleuArgs, warnings: GenerationWarning[]): BleuOptions {
  const options: BleuOptions = { onWarning: (w) => warnings.push(w) };
  if (args.tokenize !== undefined) options.tokenize = args.tokenize;
  if (args.smooth_method !== undefined) options.smoothMethod = args.smooth_method;
  if (args.smooth_value !== undefined) options.smoothValue = args.smooth_value;
  if (args.lowercase !== undefined) options.lowercase = args.lowercase;
  if (args.use_effective_order !== undefined) options.useEffectiveOrder = args.use_effective_order;
  if (args.force !== undefined) options.force = args.force;
  if (args.max_ngram_order !== undefined) options.maxNgramOrder = args.max_ngram_order;
  return options;
}

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

function expectScore(actual: BleuScore, expected: BleuExpected): void {
  close(actual.score, expected.score);
  expect(actual.counts).toEqual(expected.counts);
  expect(actual.totals).toEqual(expected.totals);
  actual.precisions.forEach((p, i) => close(p, expected.precisions[i] as number));
  close(actual.bp, expected.bp);
  expect(actual.sysLen).toBe(expected.sys_len);
  expect(actual.refLen).toBe(expected.ref_len);
  close(actual.ratio, expected.ratio);
  expect(actual.formatted).toBe(expected.formatted);
  expect(actual.signature).toBe(expected.signature);
}

describe('corpusBleu', () => {
  const corpus = cases.filter((c) => c.metric === 'bleu_corpus');
  it.each(corpus.filter((c) => c.expected))('$id $tags matches sacrebleu 2.4.3', (c) => {
    const warnings: GenerationWarning[] = [];
    const options = optionsOf(c.args, warnings);
    if (c.tags.includes('zip_truncates')) options.truncate = true;
    const result = corpusBleu(
      c.args.hypotheses ?? [],
      c.args.references as (string | null)[][],
      options,
    );
    expectScore(result, c.expected as BleuExpected);
    expect(warnings).toEqual(c.warnings);
  });

  it.each(corpus.filter((c) => c.error))('$id throws where sacrebleu raises $error.type', (c) => {
    expect(() => corpusBleu(c.args.hypotheses ?? [], c.args.references as string[][])).toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }),
    );
  });

  it('throws LENGTH_MISMATCH where sacrebleu would silently drop hypotheses', () => {
    const c = corpus.find((k) => k.tags.includes('zip_truncates'));
    expect(c).toBeDefined();
    expect(() => corpusBleu(c?.args.hypotheses ?? [], c?.args.references as string[][])).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH' }),
    );
  });

  it('throws INVALID_INPUT for a hypothesis without any reference', () => {
    expect(() => corpusBleu(['a b'], [[null]])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => corpusBleu(['a b'], [[3 as unknown as string]])).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('throws INVALID_OPTION for unknown options', () => {
    expect(() => corpusBleu(['a'], [['a']], { tokenize: 'moses' as BleuTokenizerName })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => corpusBleu(['a'], [['a']], { smoothMethod: 'add-one' as SmoothMethod })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => corpusBleu(['a'], [['a']], { maxNgramOrder: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });

  it('warns like sacrebleu when 100 hypotheses end in a tokenized period, unless force', () => {
    const hyps = Array.from({ length: 100 }, (_, i) => `line ${i} .`);
    const warnings: GenerationWarning[] = [];
    corpusBleu(hyps, [hyps], { onWarning: (w) => warnings.push(w) });
    expect(warnings.map((w) => w.message)[0]).toBe(
      "That's 100 lines that end in a tokenized period ('.')",
    );
    expect(warnings).toHaveLength(3);
    const forced: GenerationWarning[] = [];
    corpusBleu(hyps, [hyps], { force: true, onWarning: (w) => forced.push(w) });
    expect(forced).toHaveLength(0);
  });
});

describe('sentenceBleu', () => {
  it.each(cases.filter((c) => c.metric === 'bleu_sentence'))(
    '$id $tags matches sacrebleu 2.4.3',
    (c) => {
      const warnings: GenerationWarning[] = [];
      const result = sentenceBleu(
        c.args.hypothesis ?? '',
        c.args.references as string[],
        optionsOf(c.args, warnings),
      );
      expectScore(result, c.expected as BleuExpected);
      expect(warnings).toEqual(c.warnings);
    },
  );

  it('throws EMPTY_INPUT without references', () => {
    expect(() => sentenceBleu('a', [])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});

describe('bleuTokenize', () => {
  it.each(cases.filter((c) => c.metric === 'bleu_tokenize'))(
    '$id $tags matches sacrebleu 2.4.3',
    (c) => {
      const options: { tokenize?: BleuTokenizerName; lowercase?: boolean } = {};
      if (c.args.tokenize) options.tokenize = c.args.tokenize;
      if (c.args.lowercase !== undefined) options.lowercase = c.args.lowercase;
      expect(bleuTokenize(c.args.text ?? '', options)).toEqual(c.expected);
    },
  );
});

describe('bleuStatistics / bleuFromStatistics', () => {
  const withStats = cases.filter(
    (c) => c.metric === 'bleu_corpus' && c.expected && !c.tags.includes('zip_truncates'),
  );
  it.each(withStats)('$id: summed statistics give the corpus score', (c) => {
    const options = optionsOf(c.args, []);
    const stats = bleuStatistics(
      c.args.hypotheses ?? [],
      c.args.references as (string | null)[][],
      options,
    );
    const scoring = { ...options };
    delete scoring.force;
    delete scoring.maxNgramOrder;
    expect(bleuFromStatistics(stats, scoring)).toEqual(
      corpusBleu(c.args.hypotheses ?? [], c.args.references as (string | null)[][], options),
    );
  });

  it('scores a resample given by indices as the corpus of those segments', () => {
    const hyps = ['the cat sat on the mat', 'a dog ran', 'birds fly high in the sky'];
    const refs = [['the cat sat on a mat', 'the dog ran', 'birds fly in the sky']];
    const stats = bleuStatistics(hyps, refs);
    const picked = [2, 0, 2];
    const direct = corpusBleu(
      picked.map((i) => hyps[i] as string),
      [picked.map((i) => (refs[0] as string[])[i] as string)],
    );
    expect(bleuFromStatistics(stats, {}, picked)).toEqual(direct);
  });

  it('throws INVALID_INPUT for a malformed row', () => {
    expect(() => bleuFromStatistics({ maxNgramOrder: 4, numRefs: 1, rows: [[1, 2, 3]] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
