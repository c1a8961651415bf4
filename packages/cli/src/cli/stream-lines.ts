import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from './errors';
import type { CliIo } from './types';

/** Files checked to exist, with their total size (for progress), before any is streamed. */
export interface InputFiles {
  /** Absolute paths, or `-` for stdin. */
  readonly paths: readonly string[];
  /** Total bytes of the files; `undefined` when stdin is among them. */
  readonly bytes: number | undefined;
}

/**
 * Resolves input paths against `io.cwd` and checks each is a readable file (`-` is stdin; none means stdin).
 * @throws {CliError} `FILE_NOT_FOUND` naming the first missing path; `FILE_ERROR` for a folder.
 */
export async function checkInputFiles(
  paths: readonly string[],
  io: CliIo,
  what: string,
): Promise<InputFiles> {
  const resolved =
    paths.length === 0 ? ['-'] : paths.map((p) => (p === '-' ? p : resolve(io.cwd, p)));
  let bytes: number | undefined = 0;
  for (const path of resolved) {
    if (path === '-') {
      bytes = undefined;
      continue;
    }
    const info = await stat(path).catch((cause: unknown) => {
      throw new CliError('FILE_NOT_FOUND', `${what}: no file at ${path}`, { cause });
    });
    if (!info.isFile()) throw new CliError('FILE_ERROR', `${what}: ${path} is not a file`);
    if (bytes !== undefined) bytes += info.size;
  }
  return { paths: resolved, bytes };
}

async function* nothing(): AsyncGenerator<string, void, undefined> {}

/**
 * Streams the lines of the files in order, each with its line ending (as Hugging Face's trainers read files),
 * without holding a file in memory. `onBytes` receives the size of each chunk read, for progress.
 */
export async function* streamLines(
  files: InputFiles,
  io: CliIo,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<string, void, undefined> {
  for (const path of files.paths) {
    const source: AsyncIterable<string | Uint8Array> =
      path === '-' ? (io.stdin ?? nothing()) : createReadStream(path);
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of source) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      onBytes(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength);
      pending += text;
      let start = 0;
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
        yield pending.slice(start, nl + 1);
        start = nl + 1;
      }
      pending = pending.slice(start);
    }
    pending += decoder.decode();
    if (pending !== '') yield pending;
  }
}
