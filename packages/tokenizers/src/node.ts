import { readFileSync } from 'node:fs';
import { Tokenizer as CoreTokenizer } from './tokenizer';
import { TokenizerError } from './errors';
import { byteLevelBpeJsonFromFiles, wordPieceJsonFromVocab } from './from-vocab';
import type { ByteLevelBpeOptions, WordPieceVocabOptions } from './from-vocab';

function read(path: string, what: string): string {
  if (typeof path !== 'string')
    throw new TokenizerError('INVALID_INPUT', `${what}: path must be a string, got ${typeof path}`);
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new TokenizerError(
      'FILE_ERROR',
      `${what}: cannot read ${path}: ${(cause as Error).message}`,
      { cause },
    );
  }
}

/**
 * The core {@link CoreTokenizer | Tokenizer} plus file loading (Node only; the core does no I/O).
 * @example
 * import { Tokenizer } from '@nlpft/tokenizers/node';
 * const tok = Tokenizer.fromFile('tokenizer.json');
 */
export class Tokenizer extends CoreTokenizer {
  /**
   * Reads and parses a `tokenizer.json`.
   * @throws {TokenizerError} `FILE_ERROR` when the file cannot be read; see `fromString` for the rest.
   */
  static override fromFile(path: string): CoreTokenizer {
    return CoreTokenizer.fromString(read(path, 'Tokenizer.fromFile'));
  }

  /** A BERT tokenizer from `vocab.txt`. @throws {TokenizerError} `FILE_ERROR`, `INVALID_FIELD`. */
  static fromVocabTxtFile(path: string, options: WordPieceVocabOptions = {}): CoreTokenizer {
    return CoreTokenizer.fromJSON(
      wordPieceJsonFromVocab(read(path, 'Tokenizer.fromVocabTxtFile'), options),
    );
  }

  /** A byte-level BPE tokenizer from `vocab.json` + `merges.txt`. @throws {TokenizerError} `FILE_ERROR`, `INVALID_JSON`. */
  static fromBpeFiles(
    vocabPath: string,
    mergesPath: string,
    options: ByteLevelBpeOptions = {},
  ): CoreTokenizer {
    return CoreTokenizer.fromJSON(
      byteLevelBpeJsonFromFiles(
        read(vocabPath, 'Tokenizer.fromBpeFiles'),
        read(mergesPath, 'Tokenizer.fromBpeFiles'),
        options,
      ),
    );
  }
}

export { TokenizerError };

// Training output, saved atomically (temp file + rename).
export { saveTokenizerJson } from './trainers/save-tokenizer-json';
