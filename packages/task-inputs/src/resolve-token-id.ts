import { TaskInputError } from './errors';
import type { TokenOrId } from './types';

/**
 * The id of a token given as a string (looked up in the vocabulary) or as an id (checked to be a non-negative integer).
 * @throws {TaskInputError} `UNKNOWN_TOKEN` when the string has no id; `INVALID_OPTION` for a bad number.
 */
export function resolveTokenId(
  tokenizer: { tokenToId(token: string): number | null | undefined } | undefined,
  token: TokenOrId,
  where: string,
): number {
  if (typeof token === 'number') {
    if (!Number.isInteger(token) || token < 0) {
      throw new TaskInputError(
        'INVALID_OPTION',
        `${where}: token id ${token} is not a non-negative integer`,
      );
    }
    return token;
  }
  const id = tokenizer?.tokenToId(token);
  if (id === null || id === undefined) {
    throw new TaskInputError(
      'UNKNOWN_TOKEN',
      `${where}: token ${JSON.stringify(token)} is not in the tokenizer's vocabulary; add it as a special token first or pass its id`,
    );
  }
  return id;
}
