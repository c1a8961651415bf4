import { writeFileAtomic as writeAtomic, type FileContents } from '@nlpft/onnx';

/**
 * Writes `data` to `path` atomically with the house writer of @nlpft/onnx (a temp file beside the target, fsync,
 * then a rename over it), so a reader sees the old file or the new one, never half of one. Creates the folder if
 * needed.
 * @throws {Error} the underlying fs error; the temp file is removed.
 */
export function writeFileAtomic(path: string, data: FileContents): void {
  writeAtomic(path, data, { createFolder: true });
}
