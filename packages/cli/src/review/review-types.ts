/** One generation to rate: a line of ITEMS.jsonl. */
export interface ReviewItem {
  /** The line's `id`, or `line-N` (its 1-based line number) when it has none. Unique in the file. */
  readonly id: string;
  /** Which system produced `output`; never sent to the browser, so raters judge blind. */
  readonly system: string;
  readonly prompt: string;
  readonly output: string;
}

/** The parsed items file and the hash that ties a ratings database to it. */
export interface ReviewItems {
  readonly items: readonly ReviewItem[];
  /** SHA-256 (hex) of the file's text, recorded in the database on first use. */
  readonly sha256: string;
}

/** One rater's judgement of one item, as stored. */
export interface StoredRating {
  readonly rater: string;
  readonly itemId: string;
  readonly sensible: boolean;
  /** Always false when `sensible` is false (Adiwardana et al. 2020: what is not sensible is not specific). */
  readonly specific: boolean;
  /** Free text, `''` when none. */
  readonly comment: string;
  /** ISO time of the (last) submission. */
  readonly ratedAt: string;
}

/** What a submission carries; the database adds the time. */
export type RatingInput = Omit<StoredRating, 'ratedAt'>;
