import { CliError } from '../cli/errors';
import { readText, splitLines } from '../cli/read-input';
import type { CliIo } from '../cli/types';

/** A text and its label as written in the file. */
export interface RawExample {
  text: string;
  /** The second text of a pair task (JSON lines' `text_pair`, as HF pipelines name it). */
  textPair?: string;
  label: string;
  /** 1-based line number, for messages. */
  line: number;
}

/** How a labelled file is laid out: `label<TAB>text` lines, JSON lines `{"text", "label"}`, or decided per file. */
export type LabelledFormat = 'tsv' | 'jsonl' | 'auto';
export const LABELLED_FORMATS: readonly LabelledFormat[] = ['auto', 'tsv', 'jsonl'];

/**
 * Parses a labelled file. `auto` reads JSON lines when the first non-empty line starts with `{`, else TSV. Blank
 * lines are skipped; in TSV the label is everything before the first tab, the text everything after it. JSON labels
 * may be strings, numbers or booleans (kept as their text); an optional `text_pair` makes a pair example.
 * @throws {CliError} `INVALID_INPUT` naming the file and line (no tab, bad JSON, missing `text` or `label`).
 */
export function parseLabelled(text: string, format: LabelledFormat, where: string): RawExample[] {
  const lines = splitLines(text);
  const firstLine = lines.find((l) => l.trim() !== '');
  const jsonl = format === 'jsonl' || (format === 'auto' && firstLine?.trimStart().startsWith('{'));
  const out: RawExample[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const at = `${where}: line ${i + 1}`;
    if (!jsonl) {
      const tab = raw.indexOf('\t');
      if (tab < 0)
        throw new CliError(
          'INVALID_INPUT',
          `${at}: expected "label<TAB>text", found no tab in ${JSON.stringify(raw.slice(0, 60))}`,
        );
      out.push({ label: raw.slice(0, tab).trim(), text: raw.slice(tab + 1), line: i + 1 });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (cause) {
      throw new CliError('INVALID_INPUT', `${at}: not JSON: ${(cause as Error).message}`, {
        cause,
      });
    }
    const record = (value ?? {}) as { text?: unknown; text_pair?: unknown; label?: unknown };
    if (typeof record.text !== 'string')
      throw new CliError(
        'INVALID_INPUT',
        `${at}: expected a string "text", got ${typeof record.text}`,
      );
    const label = record.label;
    if (typeof label !== 'string' && typeof label !== 'number' && typeof label !== 'boolean')
      throw new CliError(
        'INVALID_INPUT',
        `${at}: expected "label" as a string, number or boolean, got ${label === null ? 'null' : typeof label}`,
      );
    if (record.text_pair !== undefined && typeof record.text_pair !== 'string')
      throw new CliError(
        'INVALID_INPUT',
        `${at}: expected "text_pair" as a string, got ${record.text_pair === null ? 'null' : typeof record.text_pair}`,
      );
    out.push({
      text: record.text,
      ...(record.text_pair !== undefined ? { textPair: record.text_pair } : {}),
      label: String(label),
      line: i + 1,
    });
  });
  return out;
}

/** Reads and parses a labelled file (see {@link parseLabelled}). @throws {CliError} as readText and parseLabelled. */
export async function readLabelled(
  path: string,
  format: LabelledFormat,
  io: CliIo,
  what: string,
): Promise<RawExample[]> {
  return parseLabelled(await readText(path, io, what), format, `${what} ${path}`);
}

/**
 * The label names in class order: `explicit` when given (every label in the files must be listed), else the labels
 * of the training file sorted, as numbers when all are integers (`0, 1, 2, 10`), else as text.
 * @throws {CliError} `INVALID_INPUT` for a test label the training file lacks, or a label `explicit` omits;
 *   `INVALID_OPTION` for fewer than two labels.
 */
export function labelNames(
  train: readonly RawExample[],
  test: readonly RawExample[],
  explicit: readonly string[] | undefined,
  prog: string,
): string[] {
  const seen = [...new Set(train.map((e) => e.label))];
  const numeric = seen.every((l) => /^[+-]?\d+$/.test(l));
  const names =
    explicit !== undefined
      ? [...explicit]
      : numeric
        ? seen.sort((a, b) => Number(a) - Number(b))
        : seen.sort();
  const known = new Set(names);
  for (const [split, items] of [
    ['--train', train],
    ['--test', test],
  ] as const) {
    const stray = items.find((e) => !known.has(e.label));
    if (stray !== undefined)
      throw new CliError(
        'INVALID_INPUT',
        `${prog}: ${split} line ${stray.line}: label ${JSON.stringify(stray.label)} is not ${explicit ? 'in --labels' : 'a label of the training file'} (${names.join(', ')})`,
      );
  }
  if (names.length < 2)
    throw new CliError(
      'INVALID_OPTION',
      `${prog}: a classifier needs at least two labels, the training file has ${names.length} (${names.join(', ')})`,
    );
  return names;
}
