#!/usr/bin/env node
/**
 * `nlpft-metrics`: score files from the command line, like sacrebleu's CLI.
 *
 *   nlpft-metrics bleu  REF [REF ...] -i HYP [--tokenize 13a] [--lowercase] [--smooth-method exp] …
 *   nlpft-metrics chrf  REF [REF ...] -i HYP [--char-order 6] [--word-order 0] [--beta 2] …
 *   nlpft-metrics ter   REF [REF ...] -i HYP [--normalized] [--no-punct] [--asian-support] [--case-sensitive]
 *   nlpft-metrics rouge TARGET -i PREDICTION [--types rouge1,rouge2,rougeL,rougeLsum] [--stemmer]
 *   nlpft-metrics report --y-true FILE --y-pred FILE [--digits 2]
 *
 * Files hold one segment per line; the hypothesis comes from stdin without `-i`. `--json` prints JSON.
 */
import { pyFormatFixed } from './python-format';
import { readFileSync } from 'node:fs';
import { classificationReport } from './classification-report';
import { corpusBleu, sentenceBleu } from './corpus-bleu';
import type { BleuOptions, SmoothMethod } from './corpus-bleu';
import type { BleuTokenizerName } from './bleu-tokenizers';
import { corpusChrf, sentenceChrf } from './corpus-chrf';
import type { ChrfOptions } from './corpus-chrf';
import { corpusRouge } from './corpus-rouge';
import { corpusTer, sentenceTer } from './corpus-ter';
import type { TerOptions } from './corpus-ter';
import { MetricsError } from './errors';
import type { Label } from './types';

const USAGE = `usage: nlpft-metrics <bleu|chrf|ter|rouge|report> [options]

  bleu  REF [REF ...] [-i HYP]   corpus BLEU as sacrebleu 2.4.3
        --tokenize 13a|intl|char|zh|none  --lowercase  --smooth-method exp|floor|add-k|none
        --smooth-value X  --max-ngram-order N  --effective-order  --force
  chrf  REF [REF ...] [-i HYP]   chrF / chrF++ as sacrebleu 2.4.3
        --char-order N  --word-order N (2 = chrF++)  --beta X  --lowercase  --whitespace  --eps-smoothing
  ter   REF [REF ...] [-i HYP]   TER as sacrebleu 2.4.3
        --normalized  --no-punct  --asian-support  --case-sensitive
  rouge TARGET [-i PREDICTION]   ROUGE as rouge-score 0.1.2 (mean over lines)
        --types rouge1,rouge2,rougeL,rougeLsum  --stemmer  --sentence-sep STR (splits a line for rougeLsum)
        --per-item
  report --y-true FILE --y-pred FILE [--digits N]   scikit-learn's classification_report

common: -i/--input FILE (default: stdin)  --sentence-level  --width N (decimals, default 1)  --json  -h/--help
Files hold one segment (or label) per line.`;

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set([
  'input',
  'tokenize',
  'smooth-method',
  'smooth-value',
  'max-ngram-order',
  'char-order',
  'word-order',
  'beta',
  'types',
  'sentence-sep',
  'y-true',
  'y-pred',
  'digits',
  'width',
]);
const BOOLEAN_FLAGS = new Set([
  'lowercase',
  'effective-order',
  'force',
  'whitespace',
  'eps-smoothing',
  'normalized',
  'no-punct',
  'asian-support',
  'case-sensitive',
  'stemmer',
  'per-item',
  'sentence-level',
  'json',
  'help',
]);

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-i') {
      const v = argv[++i];
      if (v === undefined) throw new UsageError('-i needs a file');
      flags.set('input', v);
    } else if (arg === '-h') {
      flags.set('help', true);
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      if (VALUE_FLAGS.has(name)) {
        const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, v);
      } else if (BOOLEAN_FLAGS.has(name)) {
        flags.set(name, true);
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

/** Lines of a text file as Python's text mode reads them (universal newlines, no trailing empty line). */
function readLines(file: string): string[] {
  const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function numberFlag(p: Parsed, name: string): number | undefined {
  const v = p.flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v === true || !Number.isFinite(n))
    throw new UsageError(`--${name} needs a number, got ${String(v)}`);
  return n;
}

function stringFlag(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** sacrebleu's `Score.format`: `NAME|signature = score[ verbose]`, or its JSON form. */
function scoreLine(
  name: string,
  score: number,
  signature: string,
  width: number,
  json: boolean,
  verbose = '',
): string {
  const sc = pyFormatFixed(score, width);
  if (json) {
    const d: Record<string, unknown> = { name, score: Number(sc), signature };
    if (verbose) d['verbose_score'] = verbose;
    for (const part of signature.split('|')) {
      const [key = '', value = ''] = part.split(':');
      d[key] = value;
    }
    return JSON.stringify(d, null, 1);
  }
  return `${name}|${signature} = ${sc}${verbose ? ' ' + verbose : ''}`;
}

function readPair(p: Parsed): { hyps: string[]; refs: string[][] } {
  if (p.positional.length === 0) throw new UsageError('give at least one reference file');
  const hyps = readLines(stringFlag(p, 'input') ?? '-');
  const refs = p.positional.map(readLines);
  return { hyps, refs };
}

function runBleu(p: Parsed, width: number, json: boolean): string[] {
  const { hyps, refs } = readPair(p);
  const options: BleuOptions = {
    tokenize: (stringFlag(p, 'tokenize') ?? '13a') as BleuTokenizerName,
    lowercase: p.flags.has('lowercase'),
    smoothMethod: (stringFlag(p, 'smooth-method') ?? 'exp') as SmoothMethod,
    force: p.flags.has('force'),
    onWarning: (w) => process.stderr.write(`sacreBLEU: ${w.message}\n`),
  };
  const smoothValue = numberFlag(p, 'smooth-value');
  if (smoothValue !== undefined) options.smoothValue = smoothValue;
  const order = numberFlag(p, 'max-ngram-order');
  if (order !== undefined) options.maxNgramOrder = order;
  if (p.flags.has('effective-order')) options.useEffectiveOrder = true;
  const verboseOf = (formatted: string): string =>
    formatted.slice(formatted.indexOf(' ', 'BLEU = '.length) + 1);
  if (p.flags.has('sentence-level')) {
    return hyps.map((h, i) => {
      const s = sentenceBleu(
        h,
        refs.map((r) => r[i] ?? ''),
        options,
      );
      return scoreLine('BLEU', s.score, s.signature, width, json, verboseOf(s.formatted));
    });
  }
  const s = corpusBleu(hyps, refs, options);
  return [scoreLine('BLEU', s.score, s.signature, width, json, verboseOf(s.formatted))];
}

function runChrf(p: Parsed, width: number, json: boolean): string[] {
  const { hyps, refs } = readPair(p);
  const options: ChrfOptions = {
    lowercase: p.flags.has('lowercase'),
    whitespace: p.flags.has('whitespace'),
    epsSmoothing: p.flags.has('eps-smoothing'),
  };
  const charOrder = numberFlag(p, 'char-order');
  if (charOrder !== undefined) options.charOrder = charOrder;
  const wordOrder = numberFlag(p, 'word-order');
  if (wordOrder !== undefined) options.wordOrder = wordOrder;
  const beta = numberFlag(p, 'beta');
  if (beta !== undefined) options.beta = beta;
  const name = `chrF${options.beta ?? 2}${'+'.repeat(options.wordOrder ?? 0)}`;
  if (p.flags.has('sentence-level')) {
    return hyps.map((h, i) => {
      const s = sentenceChrf(
        h,
        refs.map((r) => r[i] ?? ''),
        options,
      );
      return scoreLine(name, s.score, s.signature, width, json);
    });
  }
  const s = corpusChrf(hyps, refs, options);
  return [scoreLine(name, s.score, s.signature, width, json)];
}

function runTer(p: Parsed, width: number, json: boolean): string[] {
  const { hyps, refs } = readPair(p);
  const options: TerOptions = {
    normalized: p.flags.has('normalized'),
    noPunct: p.flags.has('no-punct'),
    asianSupport: p.flags.has('asian-support'),
    caseSensitive: p.flags.has('case-sensitive'),
  };
  if (p.flags.has('sentence-level')) {
    return hyps.map((h, i) => {
      const s = sentenceTer(
        h,
        refs.map((r) => r[i] ?? ''),
        options,
      );
      return scoreLine('TER', s.score, s.signature, width, json);
    });
  }
  const s = corpusTer(hyps, refs, options);
  return [scoreLine('TER', s.score, s.signature, width, json)];
}

function runRouge(p: Parsed, width: number, json: boolean): string[] {
  if (p.positional.length !== 1) throw new UsageError('rouge takes exactly one target file');
  const sep = stringFlag(p, 'sentence-sep');
  const split = (line: string): string => (sep ? line.split(sep).join('\n') : line);
  const targets = readLines(p.positional[0] as string).map(split);
  const predictions = readLines(stringFlag(p, 'input') ?? '-').map(split);
  const types = (stringFlag(p, 'types') ?? 'rouge1,rouge2,rougeL,rougeLsum').split(',');
  const useStemmer = p.flags.has('stemmer');
  const result = corpusRouge(targets, predictions, { rougeTypes: types, useStemmer });
  if (json) {
    const out: Record<string, unknown> = {
      name: 'ROUGE',
      stemmer: useStemmer,
      items: targets.length,
      mean: result.mean,
    };
    if (p.flags.has('per-item')) out['per_item'] = result.perItem;
    return [JSON.stringify(out, null, 1)];
  }
  const signature = `stem:${useStemmer ? 'yes' : 'no'}|items:${targets.length}|rouge-score:0.1.2`;
  const lines: string[] = [];
  if (p.flags.has('per-item')) {
    result.perItem.forEach((item, i) => {
      for (const t of types) {
        const s = item[t];
        if (s)
          lines.push(
            `${i + 1}\t${t}\tP ${pyFormatFixed(s.precision, width + 3)}\tR ${pyFormatFixed(s.recall, width + 3)}\tF ${pyFormatFixed(s.fmeasure, width + 3)}`,
          );
      }
    });
  }
  for (const t of types) {
    const s = result.mean[t];
    if (!s) continue;
    lines.push(
      `${t}|${signature} = ${pyFormatFixed(100 * s.fmeasure, width)} ` +
        `(P = ${pyFormatFixed(100 * s.precision, width)} R = ${pyFormatFixed(100 * s.recall, width)})`,
    );
  }
  return lines;
}

function toLabels(lines: string[], other: string[]): Label[] {
  // Labels read as numbers when every label of both files is a number, as numpy would parse them.
  const numeric = [...lines, ...other].every((l) => /^\s*-?\d+(\.\d+)?\s*$/.test(l));
  return numeric ? lines.map(Number) : lines;
}

function runReport(p: Parsed, json: boolean): string[] {
  const trueFile = stringFlag(p, 'y-true');
  const predFile = stringFlag(p, 'y-pred');
  if (!trueFile || !predFile) throw new UsageError('report needs --y-true FILE and --y-pred FILE');
  const yTrueLines = readLines(trueFile);
  const yPredLines = readLines(predFile);
  const yTrue = toLabels(yTrueLines, yPredLines);
  const yPred = toLabels(yPredLines, yTrueLines);
  const digits = numberFlag(p, 'digits') ?? 2;
  const onWarning = (w: { category: string; message: string }): void => {
    process.stderr.write(`${w.category}: ${w.message}\n`);
  };
  if (json)
    return [
      JSON.stringify(
        classificationReport(yTrue, yPred, { digits, outputDict: true, onWarning }),
        null,
        1,
      ),
    ];
  return [classificationReport(yTrue, yPred, { digits, onWarning })];
}

/** Runs the CLI; returns the exit code. */
function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help') {
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    const p = parseArgs(rest);
    if (p.flags.has('help')) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const width = numberFlag(p, 'width') ?? 1;
    const json = p.flags.has('json');
    let lines: string[];
    switch (command) {
      case 'bleu':
        lines = runBleu(p, width, json);
        break;
      case 'chrf':
        lines = runChrf(p, width, json);
        break;
      case 'ter':
        lines = runTer(p, width, json);
        break;
      case 'rouge':
        lines = runRouge(p, width, json);
        break;
      case 'report':
        lines = runReport(p, json);
        break;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`nlpft-metrics: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof MetricsError) {
      process.stderr.write(`nlpft-metrics: ${error.code}: ${error.message}\n`);
      return 1;
    }
    const e = error as { code?: string; message?: string };
    if (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES') {
      process.stderr.write(`nlpft-metrics: ${e.message ?? String(error)}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
