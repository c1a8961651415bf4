import { checkArray, checkIdsObject } from './check-args';
import type { Encoding } from './types';

/**
 * The encoding and its overflowing windows as one list, `[encoding, ...encoding.overflowing]`, which is how
 * `transformers` returns features with `return_overflowing_tokens=True` (one level; nested windows of a pair cut on
 * both sides are not expanded).
 * @example encodingWindows(encodeInputs(tok, question, context, { maxLength: 384, stride: 128, truncation: 'only_second' }))
 */
export function encodingWindows(encoding: Encoding): Encoding[] {
  checkIdsObject(encoding, 'encoding', 'encodingWindows');
  checkArray(encoding.overflowing, 'encoding.overflowing', 'encodingWindows');
  return [encoding, ...encoding.overflowing];
}
