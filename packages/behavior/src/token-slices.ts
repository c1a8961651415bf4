import { checkOptions, checkStrings } from './argument-checks';
import type { Slice, Tokenize } from './types';
import { wordTokens } from './word-tokens';

/**
 * Two slices: the examples containing any of `tokens` (compared with the tokenizer's normalised form, so
 * lower-case with the default) and those containing none, named `with "zqx"` and `without "zqx"`.
 * @example tokenSlices(predictiveTokens(train, { top: 3 }).map((t) => t.token))
 */
export function tokenSlices(
  tokens: readonly string[],
  options: { /** @defaultValue `wordTokens` */ tokenize?: Tokenize } = {},
): [Slice, Slice] {
  checkStrings('tokenSlices: tokens', tokens);
  checkOptions('tokenSlices: options', options);
  const { tokenize = wordTokens } = options;
  const wanted = new Set(tokens);
  const has = (text: string) => tokenize(text).some((t) => wanted.has(t.token));
  const list = tokens.map((t) => JSON.stringify(t)).join(', ');
  return [
    { name: `with ${list}`, includes: ({ text }) => has(text) },
    { name: `without ${list}`, includes: ({ text }) => !has(text) },
  ];
}
