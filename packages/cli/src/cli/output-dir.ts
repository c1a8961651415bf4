import { mkdirSync } from 'node:fs';
import { CliError } from './errors';

const REASONS: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

/**
 * Creates an output folder (and its parents) before a command starts work, so a path that can never be written
 * (`--output /dev/null/x`) fails at once with a `CliError` naming the option instead of a raw `ENOTDIR` later.
 * @throws {CliError} `FILE_ERROR` naming `where`, the path and the reason.
 */
export function prepareOutputDir(path: string, where: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new CliError(
      'FILE_ERROR',
      `${where}: cannot create the folder ${path}: ${REASONS[code] ?? (error as Error).message}`,
      { cause: error },
    );
  }
}
