import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './errors';
import type { CliIo } from './types';

/** Where a command writes its results: standard output, or a file that appears only when complete. */
export interface OutputSink {
  write(text: string): void;
  /** Finishes the output; a file is renamed into place only now. */
  close(): void;
  /** Drops a partial file (after an error); standard output is left as is. */
  abort(): void;
}

/**
 * Runs `write` on the output of {@link openOutput}, closing it when `write` succeeds and dropping a partial file
 * when it throws.
 */
export async function withOutput<T>(
  path: string | undefined,
  io: CliIo,
  what: string,
  write: (sink: OutputSink) => T | Promise<T>,
): Promise<T> {
  const sink = openOutput(path, io, what);
  try {
    const result = await write(sink);
    sink.close();
    return result;
  } catch (error) {
    sink.abort();
    throw error;
  }
}

/**
 * Opens the output of a command: `io.stdout` when `path` is undefined or `-`, else a temporary file beside `path`
 * that `close()` renames over it, so readers never see half a file.
 * @throws {CliError} `FILE_ERROR` naming the path when the file cannot be created.
 */
export function openOutput(path: string | undefined, io: CliIo, what: string): OutputSink {
  if (path === undefined || path === '-') {
    return { write: (text) => void io.stdout.write(text), close: () => {}, abort: () => {} };
  }
  const target = resolve(io.cwd, path);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'w');
  } catch (cause) {
    throw new CliError(
      'FILE_ERROR',
      `${what}: cannot write ${target}: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  }
  let open = true;
  return {
    write(text) {
      writeSync(fd, text);
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
      renameSync(temp, target);
    },
    abort() {
      if (!open) return;
      open = false;
      closeSync(fd);
      rmSync(temp, { force: true });
    },
  };
}
