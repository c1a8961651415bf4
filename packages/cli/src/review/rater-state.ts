import { createHash } from 'node:crypto';
import { raterOrder } from './rater-order';
import type { ReviewItem, ReviewItems, StoredRating } from './review-types';

/** One item as the browser gets it: no id, no system, nothing that tells the systems apart. */
export interface ItemView {
  /** Opaque key of the item (see {@link itemKey}). */
  readonly key: string;
  readonly prompt: string;
  readonly output: string;
  /** This rater's saved rating, or `null`. */
  readonly rating: { sensible: boolean; specific: boolean; comment: string } | null;
}

/** Everything the review page of one rater needs. */
export interface RaterState {
  readonly rater: string;
  /** Items in this rater's order. */
  readonly items: readonly ItemView[];
  readonly total: number;
  /** Items this rater has rated. */
  readonly rated: number;
}

/**
 * The key the browser knows an item by: 16 hex digits of SHA-256 over the items file's hash and the item's id.
 * Ids often name the system (`gpt2-17`) and file positions can be grouped by system; a hash reveals neither.
 */
export function itemKey(itemsSha256: string, id: string): string {
  return createHash('sha256')
    .update(`${itemsSha256}\u0000${id}`, 'utf8')
    .digest('hex')
    .slice(0, 16);
}

/** Item by key, for the server to resolve submissions. */
export function itemsByKey(items: ReviewItems): Map<string, ReviewItem> {
  return new Map(items.items.map((item) => [itemKey(items.sha256, item.id), item]));
}

/** A rater's items in their seeded order with their saved ratings (the page's data). */
export function raterState(
  items: ReviewItems,
  rater: string,
  ratings: readonly StoredRating[],
): RaterState {
  const mine = new Map(ratings.filter((r) => r.rater === rater).map((r) => [r.itemId, r]));
  const views = raterOrder(items.items, rater).map((item): ItemView => {
    const r = mine.get(item.id);
    return {
      key: itemKey(items.sha256, item.id),
      prompt: item.prompt,
      output: item.output,
      rating: r ? { sensible: r.sensible, specific: r.specific, comment: r.comment } : null,
    };
  });
  return {
    rater,
    items: views,
    total: views.length,
    rated: views.filter((v) => v.rating !== null).length,
  };
}
