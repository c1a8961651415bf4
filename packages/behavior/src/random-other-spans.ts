import { randomIndex } from './random-index';
import type { Rng, TokenSpan } from './types';

/**
 * Internal: `count` spans of `spans` drawn without replacement among those whose token is not in `excluded`,
 * in text order; `undefined` when fewer than `count` qualify. The control edit of the shortcut probe: as many
 * tokens removed as the shortcut edit removes, none of them a suspected shortcut.
 */
export function randomOtherSpans(
  spans: readonly TokenSpan[],
  excluded: ReadonlySet<string>,
  count: number,
  rng: Rng,
): TokenSpan[] | undefined {
  const pool = spans.filter((s) => !excluded.has(s.token));
  if (pool.length < count) return undefined;
  // A partial Fisher–Yates shuffle: the first `count` places end up a uniform sample.
  for (let i = 0; i < count; i++) {
    const j = i + randomIndex(rng, pool.length - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count).sort((a, b) => a.start - b.start);
}
