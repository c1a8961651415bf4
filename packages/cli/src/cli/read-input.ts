import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from './errors';
import type { CliIo } from './types';

/** Everything on standard input as UTF-8 text (empty when there is none). */
export async function readStdin(io: CliIo): Promise<string> {
  if (!io.stdin) return '';
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * A file's UTF-8 text, or standard input for `-`. `path` is resolved against `io.cwd`.
 * @param what names the argument in messages (`nlpft eval bleu: reference file`).
 * @throws {CliError} `FILE_NOT_FOUND` naming the path; `FILE_ERROR` when it cannot be read.
 */
export async function readText(path: string, io: CliIo, what: string): Promise<string> {
  if (path === '-') return readStdin(io);
  const full = resolve(io.cwd, path);
  try {
    return await readFile(full, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    if (code === 'ENOENT') {
      throw new CliError('FILE_NOT_FOUND', `${what}: no file at ${full}`, { cause });
    }
    throw new CliError('FILE_ERROR', `${what}: cannot read ${full}: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/**
 * Lines of a text as Python's text mode reads them: `\n`, `\r\n` and `\r` end a line, and a final line ending
 * does not add an empty line.
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The lines of a file (or of stdin for `-`). @throws {CliError} as {@link readText}. */
export async function readLines(path: string, io: CliIo, what: string): Promise<string[]> {
  return splitLines(await readText(path, io, what));
}

/**
 * The lines of every file in `paths`, in order, or of standard input when `paths` is empty.
 * @throws {CliError} as {@link readText}.
 */
export async function readInputLines(
  paths: readonly string[],
  io: CliIo,
  what: string,
): Promise<string[]> {
  const lines: string[] = [];
  for (const path of paths.length === 0 ? ['-'] : paths) {
    lines.push(...(await readLines(path, io, what)));
  }
  return lines;
}
