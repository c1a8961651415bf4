import { describeValue } from './describe-value';
import { TokenizerError } from './errors';
import type { RawEncoding } from './raw-encoding';
import type { TruncationJson, TruncationOptions } from './types';

/** Truncation as the tokenizer applies it (Hugging Face's `TruncationParams`). */
export interface TruncationParams {
  maxLength: number;
  stride: number;
  strategy: 'longest_first' | 'only_first' | 'only_second';
  direction: 'left' | 'right';
}

/**
 * Checks `enableTruncation`'s arguments and fills in the defaults.
 * @throws {TokenizerError} `INVALID_OPTION` when `maxLength` or `stride` is not a non-negative integer,
 *   or `strategy` is unknown.
 */
export function truncationParams(
  maxLength: number,
  options: TruncationOptions = {},
): TruncationParams {
  if (!Number.isInteger(maxLength) || maxLength < 0) {
    throw new TokenizerError(
      'INVALID_OPTION',
      `enableTruncation: maxLength must be a non-negative integer, got ${describeValue(maxLength)}`,
    );
  }
  const stride = options.stride ?? 0;
  if (!Number.isInteger(stride) || stride < 0) {
    throw new TokenizerError(
      'INVALID_OPTION',
      `enableTruncation: stride must be a non-negative integer, got ${describeValue(stride)}`,
    );
  }
  const strategy = options.strategy ?? 'longest_first';
  if (!['longest_first', 'only_first', 'only_second'].includes(strategy)) {
    throw new TokenizerError(
      'INVALID_OPTION',
      `enableTruncation: strategy ${JSON.stringify(strategy)} is not one of longest_first, only_first, only_second`,
    );
  }
  return { maxLength, stride, strategy, direction: options.direction ?? 'right' };
}

/**
 * `enableTruncation`'s arguments from the `truncation` section of a `tokenizer.json`.
 * @throws {TokenizerError} `INVALID_FIELD` when `max_length` is not a number.
 */
export function truncationFromJson(
  t: TruncationJson,
): [maxLength: number, options: TruncationOptions] {
  if (typeof t.max_length !== 'number')
    throw new TokenizerError('INVALID_FIELD', `truncation.max_length: expected a number`);
  return [
    t.max_length,
    {
      stride: t.stride ?? 0,
      strategy: (
        {
          LongestFirst: 'longest_first',
          OnlyFirst: 'only_first',
          OnlySecond: 'only_second',
        } as const
      )[t.strategy ?? 'LongestFirst'],
      direction: t.direction === 'Left' ? 'left' : 'right',
    },
  ];
}

/**
 * Truncates a sequence (and its pair) in place so that, with the `nAdded` special tokens the
 * post-processor will add, they fit `t.maxLength`; cut tokens go to `overflowing`, as Hugging Face's
 * `truncate_encodings`.
 * @throws {TokenizerError} `INVALID_OPTION` when the special tokens or the stride leave no room, or the
 *   strategy cannot apply (only_second without a pair, a sequence too short to remove from).
 */
export function truncateEncodings(
  a: RawEncoding,
  b: RawEncoding | null,
  t: Readonly<TruncationParams>,
  nAdded: number,
): void {
  if (t.maxLength < nAdded) {
    throw new TokenizerError(
      'INVALID_OPTION',
      `encode: truncation maxLength ${t.maxLength} is smaller than the ${nAdded} special tokens the post-processor adds`,
    );
  }
  const max = t.maxLength - nAdded;
  if (max === 0) {
    a.truncate(0, t.stride, t.direction);
    b?.truncate(0, t.stride, t.direction);
    return;
  }
  const total = a.length + (b ? b.length : 0);
  if (total <= max) return;
  const toRemove = total - max;
  if (t.stride >= max && total > max) {
    throw new TokenizerError(
      'INVALID_OPTION',
      `encode: truncation stride ${t.stride} must be smaller than the room left for tokens (${max})`,
    );
  }
  if (t.strategy === 'longest_first') {
    if (b) {
      let n1 = a.length;
      let n2 = b.length;
      let swap = false;
      if (n1 > n2) {
        swap = true;
        [n1, n2] = [n2, n1];
      }
      if (n1 >= t.maxLength) {
        // Both at least the configured length: Hugging Face 0.23 gives the first half to A, the rest to B
        // (measured against the binding; its threshold is the configured max_length).
        n1 = Math.floor(max / 2);
        n2 = n1 + (max % 2);
        swap = false;
      } else {
        n2 = Math.max(n1, max - n1);
        if (n1 + n2 > max) {
          n1 = Math.floor(max / 2);
          n2 = n1 + (max % 2);
        }
      }
      if (swap) [n1, n2] = [n2, n1];
      a.truncate(n1, t.stride, t.direction);
      b.truncate(n2, t.stride, t.direction);
    } else a.truncate(total - toRemove, t.stride, t.direction);
    return;
  }
  const target = t.strategy === 'only_first' ? a : b;
  if (!target) {
    throw new TokenizerError(
      'INVALID_OPTION',
      `encode: truncation strategy only_second needs a pair`,
    );
  }
  if (target.length <= toRemove) {
    throw new TokenizerError(
      'INVALID_OPTION',
      `encode: the sequence to truncate (${target.length} tokens) is too short to remove ${toRemove}`,
    );
  }
  target.truncate(target.length - toRemove, t.stride, t.direction);
}
