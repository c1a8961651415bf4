import { CliError } from '../cli/errors';
import { describeValue } from './describe-value';
import { raterNameProblem } from './rater-name';

/** Longest comment accepted (characters). */
export const MAX_COMMENT = 4000;

/** A rating as the browser posts it: the item by its opaque key, never by id or system. */
export interface RatingSubmission {
  readonly rater: string;
  /** The item's key from the page (see `itemKey`). */
  readonly key: string;
  readonly sensible: boolean;
  readonly specific: boolean;
  readonly comment: string;
}

const FIELDS = ['rater', 'key', 'sensible', 'specific', 'comment'];

const bad = (message: string): never => {
  throw new CliError('INVALID_INPUT', `rating: ${message}`);
};

/**
 * Checks the JSON body of `POST /api/ratings`: `{"rater", "key", "sensible", "specific", "comment"?}` with booleans
 * for the two judgements, no other fields, and `specific` false when `sensible` is (Adiwardana et al. 2020).
 * @throws {CliError} `INVALID_INPUT` naming the field, the value and what was expected.
 * @example parseRatingSubmission({ rater: 'ann', key: 'k1', sensible: true, specific: false })
 */
export function parseRatingSubmission(body: unknown): RatingSubmission {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    bad(`expected a JSON object, got ${describeValue(body)}`);
  const record = body as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => !FIELDS.includes(k));
  if (extra.length > 0)
    bad(
      `unexpected field ${extra.map((k) => JSON.stringify(k)).join(', ')}; the fields are ${FIELDS.join(', ')}`,
    );
  const rater = record['rater'];
  const raterProblem = raterNameProblem(rater);
  if (raterProblem !== null) bad(`rater ${raterProblem}`);
  const key = record['key'];
  if (typeof key !== 'string' || key === '')
    bad(`key: expected the item's key (a string), got ${describeValue(key)}`);
  const flag = (name: 'sensible' | 'specific'): boolean => {
    const value = record[name];
    return typeof value === 'boolean'
      ? value
      : bad(`${name}: expected true or false, got ${describeValue(value)}`);
  };
  const sensible = flag('sensible');
  const specific = flag('specific');
  if (!sensible && specific)
    bad('specific is true but sensible is false; an output that is not sensible is not specific');
  const comment = record['comment'] ?? '';
  if (typeof comment !== 'string') bad(`comment: expected a string, got ${describeValue(comment)}`);
  if ((comment as string).length > MAX_COMMENT)
    bad(`comment is ${(comment as string).length} characters long; at most ${MAX_COMMENT}`);
  return {
    rater: rater as string,
    key: key as string,
    sensible,
    specific,
    comment: comment as string,
  };
}
