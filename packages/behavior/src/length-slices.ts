import { checkOptions, describeValue, isList } from './argument-checks';
import { BehaviorError } from './errors';
import type { Slice, Tokenize } from './types';
import { wordTokens } from './word-tokens';

/**
 * Slices by length in tokens, cut at `edges` (strictly increasing positive integers): `[10, 30]` gives
 * "0–9 tokens", "10–29 tokens" and "≥ 30 tokens".
 * @throws {BehaviorError} `INVALID_OPTION` when `edges` is empty or not strictly increasing positive integers.
 * @example lengthSlices([10, 30], { tokenize: wordTokens })
 */
function describeEdges(edges: unknown): string {
  return Array.isArray(edges)
    ? `[${(edges as unknown[]).map(describeValue).join(', ')}]`
    : describeValue(edges);
}

export function lengthSlices(
  edges: readonly number[],
  options: { /** @defaultValue `wordTokens` */ tokenize?: Tokenize } = {},
): Slice[] {
  checkOptions('lengthSlices: options', options);
  const { tokenize = wordTokens } = options;
  const ok =
    isList(edges) &&
    edges.length > 0 &&
    edges.every((e, i) => Number.isInteger(e) && e > 0 && (i === 0 || e > edges[i - 1]!));
  if (!ok) {
    throw new BehaviorError(
      'INVALID_OPTION',
      `lengthSlices: edges must be strictly increasing positive integers, got ${describeEdges(edges)}`,
    );
  }
  const bounds = [0, ...edges, Infinity];
  return bounds.slice(0, -1).map((low, i) => {
    const high = bounds[i + 1]!;
    return {
      name: high === Infinity ? `≥ ${low} tokens` : `${low}–${high - 1} tokens`,
      includes: ({ text }) => {
        const n = tokenize(text).length;
        return n >= low && n < high;
      },
    };
  });
}
