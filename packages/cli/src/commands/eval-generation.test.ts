import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReference } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { runNlpft, tempDir } from './run-nlpft.test-helper';

// sacrebleu 2.4.3's CLI line is `f'{name}|{signature} = {score:.{width}f} {verbose}'` (default width 1). `toFixed`
// equals Python's format except on exact binary ties, which no reference score is.
const fixed = (x: number, digits: number): string => x.toFixed(digits);

/** A segment a line file can carry: no line break inside. */
const lineSafe = (s: unknown): boolean => typeof s === 'string' && !/[\n\r]/.test(s);

function write(dir: string, name: string, lines: readonly string[]): string {
  writeFileSync(join(dir, name), lines.map((l) => `${l}\n`).join(''));
  return name;
}

interface CorpusArgs {
  hypotheses: string[];
  references: (string | null)[][];
  [option: string]: unknown;
}
interface SacrebleuScore {
  score: number;
  formatted: string;
  signature: string;
}

/** Cases of a corpus metric whose segments fit in line files, one reference file per stream. */
function fileCases(file: string, metric: string) {
  return readReference<CorpusArgs, SacrebleuScore>(file, { revive: false }).cases.filter(
    (c) =>
      c.metric === metric &&
      c.expected !== undefined &&
      c.args.hypotheses.length > 0 &&
      c.args.hypotheses.every(lineSafe) &&
      c.args.references.every((r) => r.length === c.args.hypotheses.length && r.every(lineSafe)),
  );
}

/** Reference-vector options as flags: smooth_method → --smooth-method; true → a bare flag. */
function flags(args: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(args).flatMap(([key, value]) => {
    if (key === 'hypotheses' || key === 'references' || value === false) return [];
    const flag = `--${key.replace(/_/g, '-').replace(/^--use-/, '--')}`;
    return value === true ? [flag] : [flag, String(value)];
  });
}

async function score(command: string, args: CorpusArgs, extra: string[] = []) {
  const dir = tempDir();
  const refs = args.references.map((r, k) => write(dir, `ref${k}.txt`, r as string[]));
  const hyp = write(dir, 'hyp.txt', args.hypotheses);
  return runNlpft(['eval', command, ...refs, '-i', hyp, ...flags(args), ...extra], { cwd: dir });
}

describe('nlpft eval bleu', () => {
  const cases = fileCases('metrics/bleu.json', 'bleu_corpus');

  it('has reference cases to run', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)("$id prints sacrebleu 2.4.3's line", async ({ args, expected }) => {
    const r = await score('bleu', args);
    const e = expected as SacrebleuScore;
    const verbose = e.formatted.replace(/^BLEU = \S+ /, '');
    expect(r.stdout).toBe(`BLEU|${e.signature} = ${fixed(e.score, 1)} ${verbose}\n`);
    expect(r.code).toBe(0);
  });

  it("prints sacrebleu's JSON with --json and the score to --width decimals", async () => {
    const [c] = cases;
    const e = c?.expected as SacrebleuScore;
    const r = await score('bleu', c!.args, ['--json', '--width', '3']);
    expect(JSON.parse(r.stdout)).toEqual({
      name: 'BLEU',
      score: Number(fixed(e.score, 3)),
      signature: e.signature,
      verbose_score: e.formatted.replace(/^BLEU = \S+ /, ''),
      ...Object.fromEntries(e.signature.split('|').map((p) => p.split(':'))),
    });
  });

  it("prints sentence_bleu's scores, one line per segment, with --sentence-level --effective-order", async () => {
    // sacrebleu's sentence_bleu() uses effective order by default; its CLI needs the flag.
    const sentence = readReference<{ hypothesis: string; references: string[] }, SacrebleuScore>(
      'metrics/bleu.json',
      { revive: false },
    ).cases.filter(
      (c) =>
        c.metric === 'bleu_sentence' &&
        c.expected &&
        Object.keys(c.args).length === 2 &&
        c.args.references.length === 1 &&
        [c.args.hypothesis, ...c.args.references].every(lineSafe),
    );
    expect(sentence.length).toBeGreaterThanOrEqual(10);
    const args = {
      hypotheses: sentence.map((c) => c.args.hypothesis),
      references: [sentence.map((c) => c.args.references[0] as string)],
    };
    const r = await score('bleu', args, ['--sentence-level', '--effective-order']);
    expect(r.stdout).toBe(
      sentence
        .map((c) => {
          const e = c.expected as SacrebleuScore;
          return `BLEU|${e.signature} = ${fixed(e.score, 1)} ${e.formatted.replace(/^BLEU = \S+ /, '')}\n`;
        })
        .join(''),
    );
    const noEff = await score('bleu', args, ['--sentence-level']);
    expect(noEff.stderr).toContain(
      'sacreBLEU: It is recommended to enable `effective_order` for sentence-level BLEU.',
    );
  });

  it('reads the system output from stdin without -i, and names a missing reference file', async () => {
    const dir = tempDir();
    write(dir, 'ref.txt', ['The cat sat on a mat.']);
    const r = await runNlpft(['eval', 'bleu', 'ref.txt'], {
      cwd: dir,
      stdin: 'The cat sat on the mat.\n',
    });
    // sacrebleu's README example: 48.89 with 13a tokenization.
    expect(r.stdout).toBe(
      'BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3 = 48.9 85.7/66.7/40.0/25.0 (BP = 1.000 ratio = 1.000 hyp_len = 7 ref_len = 7)\n',
    );
    const missing = await runNlpft(['eval', 'bleu', 'nope.txt'], { cwd: dir, stdin: 'a\n' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error[FILE_NOT_FOUND]: nlpft eval bleu: reference: no file at ${join(dir, 'nope.txt')}\n`,
    );
  });

  it('surfaces the metrics error when the files differ in length', async () => {
    const dir = tempDir();
    write(dir, 'ref.txt', ['a', 'b']);
    const r = await runNlpft(['eval', 'bleu', 'ref.txt'], { cwd: dir, stdin: 'a\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error\[MetricsError LENGTH_MISMATCH\]: nlpft eval bleu: /);
  });
});

describe('nlpft eval chrf', () => {
  it.each(fileCases('metrics/chrf.json', 'chrf_corpus'))(
    "$id prints sacrebleu 2.4.3's line",
    async ({ args, expected }) => {
      const r = await score('chrf', args);
      const e = expected as SacrebleuScore;
      const name = e.formatted.split(' = ')[0];
      expect(r.stdout).toBe(`${name}|${e.signature} = ${fixed(e.score, 1)}\n`);
    },
  );
});

describe('nlpft eval ter', () => {
  it.each(fileCases('metrics/ter.json', 'ter_corpus'))(
    "$id prints sacrebleu 2.4.3's line",
    async ({ args, expected }) => {
      const r = await score('ter', args);
      const e = expected as SacrebleuScore;
      expect(r.stdout).toBe(`TER|${e.signature} = ${fixed(e.score, 1)}\n`);
    },
  );
});

describe('nlpft eval rouge', () => {
  interface RougeArgs {
    targets: string[];
    predictions: string[];
    use_stemmer?: boolean;
    rouge_types?: string[];
  }
  type Prf = { precision: number; recall: number; fmeasure: number };
  const cases = readReference<RougeArgs, { mean: Record<string, Prf> }>('metrics/rouge.json', {
    revive: false,
  }).cases.filter(
    (c) =>
      c.metric === 'rouge_corpus' &&
      c.args.targets.length > 0 &&
      [...c.args.targets, ...c.args.predictions].every(lineSafe),
  );

  it.each(cases)(
    '$id prints the mean of rouge-score 0.1.2 in percent',
    async ({ args, expected }) => {
      const dir = tempDir();
      write(dir, 'target.txt', args.targets);
      write(dir, 'pred.txt', args.predictions);
      const types = args.rouge_types ?? ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'];
      const r = await runNlpft(
        [
          'eval',
          'rouge',
          'target.txt',
          '-i',
          'pred.txt',
          '--types',
          types.join(','),
          ...(args.use_stemmer ? ['--stemmer'] : []),
        ],
        { cwd: dir },
      );
      const sig = `stem:${args.use_stemmer ? 'yes' : 'no'}|items:${args.targets.length}|rouge-score:0.1.2`;
      expect(r.stdout).toBe(
        types
          .map((t) => {
            const m = expected!.mean[t]!;
            return `${t}|${sig} = ${fixed(100 * m.fmeasure, 1)} (P = ${fixed(100 * m.precision, 1)} R = ${fixed(100 * m.recall, 1)})\n`;
          })
          .join(''),
      );
      const json = await runNlpft(
        [
          'eval',
          'rouge',
          'target.txt',
          '-i',
          'pred.txt',
          '--json',
          ...(args.use_stemmer ? ['--stemmer'] : []),
        ],
        { cwd: dir },
      );
      const mean = (JSON.parse(json.stdout) as { mean: Record<string, Prf> }).mean;
      for (const t of types) {
        expect(mean[t]!.fmeasure).toBeCloseTo(expected!.mean[t]!.fmeasure, 12);
      }
    },
  );
});
