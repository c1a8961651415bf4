import { createHash } from 'node:crypto';
import { CliError } from '../cli/errors';
import { describeValue } from './describe-value';
import { splitLines } from '../cli/read-input';
import type { ReviewItem, ReviewItems } from './review-types';

/**
 * Parses ITEMS.jsonl: one JSON object per line, `{"id"?, "system", "prompt", "output"}` (other fields are ignored,
 * blank lines skipped). Several lines may share a prompt, one per system. `id` is a string or an integer; a line
 * without one gets `line-N`.
 * @param where names the file in messages.
 * @throws {CliError} `INVALID_INPUT` naming the line and field; `INVALID_INPUT` for a duplicate id or no items.
 * @example parseReviewItems('{"system":"a","prompt":"Hi","output":"Hello!"}\n', 'items.jsonl').items[0].id // 'line-1'
 */
export function parseReviewItems(text: string, where: string): ReviewItems {
  const items: ReviewItem[] = [];
  const lineOfId = new Map<string, number>();
  splitLines(text).forEach((line, index) => {
    const n = index + 1;
    if (line.trim() === '') return;
    const at = `${where}:${n}`;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (cause) {
      throw new CliError('INVALID_INPUT', `${at}: not JSON: ${(cause as Error).message}`, {
        cause,
      });
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new CliError('INVALID_INPUT', `${at}: expected an object, got ${describeValue(data)}`);
    }
    const record = data as Record<string, unknown>;
    const field = (key: 'system' | 'prompt' | 'output'): string => {
      const value = record[key];
      if (typeof value !== 'string' || (key === 'system' && value.trim() === '')) {
        throw new CliError(
          'INVALID_INPUT',
          `${at}: ${key}: expected ${key === 'system' ? 'a non-empty string' : 'a string'}, got ${describeValue(value)}`,
        );
      }
      return value;
    };
    const rawId = record['id'];
    let id: string;
    if (rawId === undefined) id = `line-${n}`;
    else if (typeof rawId === 'string' && rawId !== '') id = rawId;
    else if (typeof rawId === 'number' && Number.isSafeInteger(rawId)) id = String(rawId);
    else
      throw new CliError(
        'INVALID_INPUT',
        `${at}: id: expected a non-empty string or an integer, got ${describeValue(rawId)}`,
      );
    const first = lineOfId.get(id);
    if (first !== undefined) {
      throw new CliError(
        'INVALID_INPUT',
        `${at}: id ${JSON.stringify(id)} is already used on line ${first}; give every item its own id`,
      );
    }
    lineOfId.set(id, n);
    items.push({ id, system: field('system'), prompt: field('prompt'), output: field('output') });
  });
  if (items.length === 0) {
    throw new CliError(
      'INVALID_INPUT',
      `${where}: no items; write one JSON object per line: {"system", "prompt", "output"}`,
    );
  }
  return { items, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}
