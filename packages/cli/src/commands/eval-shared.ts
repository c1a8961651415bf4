import { pyFormatFixed } from '@nlpft/metrics';
import { readLines } from '../cli/read-input';
import type { CliIo } from '../cli/types';

/** Options every sacrebleu-style metric command has (`-i`, `--width`, `--json`, `--sentence-level`). */
export const SCORE_OPTIONS = {
  input: {
    type: 'string',
    short: 'i',
    valueName: 'FILE',
    description: 'system output, one segment per line (default: stdin)',
  },
  sentenceLevel: {
    type: 'boolean',
    description: 'one score per segment instead of the corpus score',
  },
  width: {
    type: 'integer',
    min: 0,
    max: 20,
    default: 1,
    description: 'decimals of the score, as sacrebleu --width',
  },
  json: { type: 'boolean', description: "print sacrebleu's JSON instead of the score line" },
} as const;

/** Hypotheses (from `-i` or stdin) and one stream of references per reference file, sacrebleu's `refs[k][i]`. */
export async function readSystemAndReferences(
  input: string | undefined,
  referenceFiles: readonly string[],
  io: CliIo,
  prog: string,
): Promise<{ hypotheses: string[]; references: string[][] }> {
  const hypotheses = await readLines(input ?? '-', io, `${prog}: system output (-i)`);
  const references: string[][] = [];
  for (const file of referenceFiles)
    references.push(await readLines(file, io, `${prog}: reference`));
  return { hypotheses, references };
}

/**
 * sacrebleu's `Score.format`: `NAME|signature = score[ verbose]` with the score to `width` decimals (Python
 * rounding), or, with `json`, `json.dumps` of `{name, score, signature, verbose_score?, <signature fields>}`,
 * indent 1.
 * @see https://github.com/mjpost/sacrebleu/blob/v2.4.3/sacrebleu/metrics/base.py
 */
export function scoreLine(
  name: string,
  score: number,
  signature: string,
  width: number,
  json: boolean,
  verbose = '',
): string {
  const text = pyFormatFixed(score, width);
  if (!json) return `${name}|${signature} = ${text}${verbose ? ` ${verbose}` : ''}`;
  const record: Record<string, string | number> = { name, score: Number(text), signature };
  if (verbose) record['verbose_score'] = verbose;
  for (const part of signature.split('|')) {
    const colon = part.indexOf(':');
    record[part.slice(0, colon)] = part.slice(colon + 1);
  }
  // Python prints float(score) with a decimal point: 100.0, not 100.
  return JSON.stringify(record, null, 1).replace(
    /^ "score": (-?\d+),$/m,
    (_, n: string) => ` "score": ${n}.0,`,
  );
}

/** The one-score-per-segment or corpus loop shared by BLEU, chrF and TER. */
export function scoreCorpusOrSegments<S>(
  hypotheses: readonly string[],
  references: readonly (readonly string[])[],
  sentenceLevel: boolean,
  corpus: (hyps: readonly string[], refs: readonly (readonly string[])[]) => S,
  sentence: (hyp: string, refs: readonly string[]) => S,
): S[] {
  if (!sentenceLevel) return [corpus(hypotheses, references)];
  return hypotheses.map((h, i) =>
    sentence(
      h,
      references.map((r) => r[i] ?? ''),
    ),
  );
}
