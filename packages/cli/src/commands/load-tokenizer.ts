import { Tokenizer } from '@nlpft/tokenizers';
import { readText } from '../cli/read-input';
import type { CliIo } from '../cli/types';

/**
 * Reads and parses a `tokenizer.json`.
 * @throws {CliError} `FILE_NOT_FOUND` naming the path; {TokenizerError} for a malformed file (its JSON path).
 */
export async function loadTokenizer(path: string, io: CliIo, what: string): Promise<Tokenizer> {
  return Tokenizer.fromString(await readText(path, io, what));
}
