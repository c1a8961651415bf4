import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TokenizerError } from '../errors';

/**
 * Writes a `tokenizer.json` atomically (Node only): the JSON goes to a temporary file beside `path`, which is then
 * renamed over it, so a reader never sees a half-written file.
 * @throws {TokenizerError} `FILE_ERROR` when the file cannot be written, with the cause attached.
 * @example await saveTokenizerJson('out/tokenizer.json', await trainWordPiece(lines));
 */
export async function saveTokenizerJson(
  path: string,
  json: object,
  options: { pretty?: boolean } = {},
): Promise<void> {
  // A private copy of the house atomic writer (@nlpft/onnx's writeFileAtomic): tokenizers depends on no package.
  const text = options.pretty === false ? JSON.stringify(json) : JSON.stringify(json, null, 2);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (cause) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw new TokenizerError('FILE_ERROR', `saveTokenizerJson: cannot write ${path}`, { cause });
  }
}
