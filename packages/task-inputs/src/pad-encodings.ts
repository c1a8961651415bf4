import { checkArray, checkIdsObject, checkObject } from './check-args';
import { cloneEncoding, padEncoding } from './encoding-ops';
import type { WorkEncoding } from './encoding-ops';
import { TaskInputError } from './errors';
import { resolveTokenId } from './resolve-token-id';
import type { Encoding, PaddingStrategy, Side, TokenOrId, TokenizerLike } from './types';

/** How to pad encodings; the Hugging Face options camelCased. */
export interface PadOptions {
  /** `'longest'`: the longest encoding given (one encoding: its own length); `'max_length'`: `maxLength`. @defaultValue 'longest' */
  padding?: PaddingStrategy;
  /**
   * The length `'max_length'` pads to; required with it. Longer encodings are left as they are, as Hugging Face does.
   * @defaultValue `undefined`
   */
  maxLength?: number;
  /** Round the padded length up to a multiple of this (8 suits tensor cores). @defaultValue no rounding */
  padToMultipleOf?: number;
  /** Where pad tokens go. @defaultValue 'right' */
  paddingSide?: Side;
  /** The pad token, as a vocabulary string (needs `tokenizer`) or an id. @defaultValue 0, HF's default `pad_id` */
  padToken?: TokenOrId;
  /** Token type id of pad tokens. @defaultValue 0 */
  padTypeId?: number;
  /** Resolves a string `padToken`; needed only for one. @defaultValue `undefined` */
  tokenizer?: Pick<TokenizerLike, 'tokenToId'>;
}

/** The longest padded encoding: 2^20 tokens, beyond any model's position table, well inside memory. */
export const MAX_PADDED_LENGTH = 2 ** 20;

function checkCount(value: number | undefined, name: string, fn: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: ${name} must be a non-negative integer, got ${value}`,
    );
  }
}

/** Internal: pads work encodings in place; `fn` names the caller in messages. */
export function padInPlace(
  encodings: readonly WorkEncoding[],
  options: PadOptions,
  fn: string,
): void {
  const {
    padding = 'longest',
    maxLength,
    padToMultipleOf,
    paddingSide = 'right',
    padTypeId = 0,
  } = options;
  checkCount(maxLength, 'maxLength', fn);
  checkCount(padToMultipleOf, 'padToMultipleOf', fn);
  checkCount(padTypeId, 'padTypeId', fn);
  if (paddingSide !== 'left' && paddingSide !== 'right') {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: paddingSide must be 'left' or 'right', got ${JSON.stringify(paddingSide)}`,
    );
  }
  let length: number;
  if (padding === 'max_length') {
    if (maxLength === undefined) {
      throw new TaskInputError(
        'INVALID_OPTION',
        `${fn}: padding 'max_length' needs maxLength; set it or use padding 'longest'`,
      );
    }
    length = maxLength;
  } else if (padding === 'longest') {
    length = 0;
    for (const e of encodings) length = Math.max(length, e.ids.length);
  } else {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: padding must be 'longest' or 'max_length', got ${JSON.stringify(padding)}`,
    );
  }
  if (padToMultipleOf && length % padToMultipleOf > 0)
    length += padToMultipleOf - (length % padToMultipleOf);
  if (length > MAX_PADDED_LENGTH)
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: padding to ${length} tokens is more than ${MAX_PADDED_LENGTH} (2^20, far beyond any model's positions; the arrays would not fit in memory): lower maxLength or padToMultipleOf`,
    );
  const padId = resolveTokenId(options.tokenizer, options.padToken ?? 0, `${fn}: padToken`);
  for (const e of encodings) padEncoding(e, length, padId, padTypeId, paddingSide);
}

/**
 * Pads encodings to one length (overflowing windows too) with attention mask 0, special-tokens mask 1, offset
 * `[0, 0]`, as Hugging Face's `pad_encodings` does. Returns new encodings; the inputs are not changed.
 * @throws {TaskInputError} `INVALID_OPTION` for `'max_length'` without `maxLength` or a negative length;
 *   `UNKNOWN_TOKEN` for an unknown `padToken` string.
 * @example padEncodings([encodeInputs(tok, 'a'), encodeInputs(tok, 'a b c')], { padToMultipleOf: 8 })
 * @see https://huggingface.co/docs/tokenizers/api/tokenizer#tokenizers.Tokenizer.enable_padding
 */
export function padEncodings(encodings: readonly Encoding[], options: PadOptions = {}): Encoding[] {
  checkArray(encodings, 'encodings', 'padEncodings');
  encodings.forEach((e: unknown, i) => checkIdsObject(e, `encodings[${i}]`, 'padEncodings'));
  checkObject(options, 'options', 'padEncodings');
  const copies = encodings.map((e) => cloneEncoding(e as WorkEncoding));
  padInPlace(copies, options, 'padEncodings');
  return copies;
}
