import { describeValue } from './describe-value';
import { TokenizerError } from './errors';
import type { RawEncoding } from './raw-encoding';
import type { PaddingJson, PaddingOptions } from './types';

/** Padding as the tokenizer applies it (Hugging Face's `PaddingParams`). */
export interface PaddingParams {
  length: number | undefined;
  direction: 'left' | 'right';
  padToMultipleOf: number | undefined;
  padId: number;
  padTypeId: number;
  padToken: string;
}

/** The longest padding target `enablePadding` takes: 2^20 tokens, beyond any model's positions, inside memory. */
export const MAX_PADDED_LENGTH = 2 ** 20;

/**
 * Checks `enablePadding`'s options and fills in the defaults; `padId` defaults to the id `tokenToId`
 * gives `padToken`, else 0.
 * @throws {TokenizerError} `INVALID_OPTION` naming the option that is not a valid length, id or token.
 */
export function paddingParams(
  options: PaddingOptions,
  tokenToId: (token: string) => number | undefined,
): PaddingParams {
  if (options.length !== undefined && (!Number.isInteger(options.length) || options.length < 0)) {
    throw new TokenizerError(
      'INVALID_OPTION',
      `enablePadding: length must be a non-negative integer, got ${describeValue(options.length)}`,
    );
  }
  if (
    options.padToMultipleOf !== undefined &&
    (!Number.isInteger(options.padToMultipleOf) || options.padToMultipleOf <= 0)
  ) {
    throw new TokenizerError(
      'INVALID_OPTION',
      `enablePadding: padToMultipleOf must be a positive integer, got ${describeValue(options.padToMultipleOf)}`,
    );
  }
  for (const key of ['length', 'padToMultipleOf'] as const) {
    const v = options[key];
    if (v !== undefined && v > MAX_PADDED_LENGTH)
      throw new TokenizerError(
        'INVALID_OPTION',
        `enablePadding: ${key} ${v} is more than ${MAX_PADDED_LENGTH} tokens (2^20, far beyond any model's positions; the padded arrays would not fit in memory)`,
      );
  }
  for (const key of ['padId', 'padTypeId'] as const) {
    const v = options[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `enablePadding: ${key} must be a non-negative integer, got ${describeValue(v)}`,
      );
    }
  }
  if (options.padToken !== undefined && typeof options.padToken !== 'string') {
    throw new TokenizerError(
      'INVALID_OPTION',
      `enablePadding: padToken must be a string, got ${describeValue(options.padToken)}`,
    );
  }
  const padToken = options.padToken ?? '[PAD]';
  return {
    length: options.length,
    direction: options.direction ?? 'right',
    padToMultipleOf: options.padToMultipleOf,
    padId: options.padId ?? tokenToId(padToken) ?? 0,
    padTypeId: options.padTypeId ?? 0,
    padToken,
  };
}

/** `enablePadding`'s options from the `padding` section of a `tokenizer.json`. */
export function paddingFromJson(p: PaddingJson): PaddingOptions {
  return {
    length: typeof p.strategy === 'object' && p.strategy !== null ? p.strategy.Fixed : undefined,
    direction: p.direction === 'Left' ? 'left' : 'right',
    padToMultipleOf: p.pad_to_multiple_of ?? undefined,
    padId: p.pad_id ?? 0,
    padTypeId: p.pad_type_id ?? 0,
    padToken: p.pad_token ?? '[PAD]',
  };
}

/**
 * Pads every encoding in place to `p.length`, or to the longest of them, rounded up to a multiple of
 * `p.padToMultipleOf`.
 */
export function padEncodings(encs: readonly RawEncoding[], p: Readonly<PaddingParams>): void {
  let target = p.length ?? Math.max(0, ...encs.map((e) => e.length));
  const m = p.padToMultipleOf;
  if (m !== undefined && m > 0 && target % m !== 0) target += m - (target % m);
  for (const e of encs) e.pad(target, p.padId, p.padTypeId, p.padToken, p.direction);
}
