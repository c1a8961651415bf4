import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** What {@link writeFileAtomic} writes: UTF-8 text, bytes, or chunks of bytes written one after another. */
export type FileContents = string | Uint8Array | readonly Uint8Array[];

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /**
   * Create the target's folder (and its parents) when missing.
   * @defaultValue false
   */
  createFolder?: boolean;
}

/**
 * Writes `contents` to `path` atomically: a temp file beside the target, fsync, then a rename over the target, so
 * a reader sees the old file or the new one, never half of one. The house writer of every @nlpft package that
 * may depend on this one.
 * @throws {Error} the underlying fs error, unwrapped; the temp file is removed and the old file is left as it was.
 * @example writeFileAtomic('out/result.json', JSON.stringify(result), { createFolder: true });
 */
export function writeFileAtomic(
  path: string,
  contents: FileContents,
  options: WriteFileAtomicOptions = {},
): void {
  if (options.createFolder === true) mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      for (const chunk of chunksOf(contents)) writeAll(fd, chunk);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

function chunksOf(contents: FileContents): readonly Uint8Array[] {
  if (typeof contents === 'string') return [Buffer.from(contents, 'utf8')];
  return contents instanceof Uint8Array ? [contents] : contents;
}

/** `writeSync` may write less than asked; loop until the chunk is on disk. */
function writeAll(fd: number, chunk: Uint8Array): void {
  let done = 0;
  while (done < chunk.byteLength) done += writeSync(fd, chunk, done, chunk.byteLength - done);
}
