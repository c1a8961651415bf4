import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseReviewItems } from './review-items';
import { SIX_ITEMS_JSONL } from './test-items.test-helper';

describe('parseReviewItems', () => {
  it('reads one item per line, keeps given ids and names the others line-N', () => {
    const text =
      '{"system":"a","prompt":"p","output":"o1"}\n\n{"id":7,"system":"b","prompt":"p","output":"o2","extra":1}\n{"id":"x","system":"a","prompt":"q","output":""}\n';
    const { items } = parseReviewItems(text, 'items.jsonl');
    expect(items).toEqual([
      { id: 'line-1', system: 'a', prompt: 'p', output: 'o1' },
      { id: '7', system: 'b', prompt: 'p', output: 'o2' },
      { id: 'x', system: 'a', prompt: 'q', output: '' },
    ]);
  });

  it("records the SHA-256 of the file's text", () => {
    const expected = createHash('sha256').update(SIX_ITEMS_JSONL).digest('hex');
    expect(parseReviewItems(SIX_ITEMS_JSONL, 'f').sha256).toBe(expected);
    expect(parseReviewItems(SIX_ITEMS_JSONL + '\n', 'f').sha256).not.toBe(expected);
  });

  it.each([
    ['not JSON', '{"system":', 'items.jsonl:1: not JSON'],
    ['an array line', '[1]', 'items.jsonl:1: expected an object, got an array'],
    [
      'a missing output',
      '{"system":"a","prompt":"p"}',
      'items.jsonl:1: output: expected a string, got nothing',
    ],
    [
      'an empty system',
      '{"system":" ","prompt":"p","output":"o"}',
      'system: expected a non-empty string, got " "',
    ],
    [
      'a number prompt',
      '{"system":"a","prompt":3,"output":"o"}',
      'prompt: expected a string, got 3 (number)',
    ],
    [
      'a fractional id',
      '{"id":1.5,"system":"a","prompt":"p","output":"o"}',
      'id: expected a non-empty string or an integer, got 1.5 (number)',
    ],
    [
      'a duplicate id',
      '{"id":"k","system":"a","prompt":"p","output":"o"}\n{"id":"k","system":"b","prompt":"p","output":"o"}',
      'items.jsonl:2: id "k" is already used on line 1',
    ],
    ['no items', '\n\n', 'items.jsonl: no items'],
  ])('refuses %s with INVALID_INPUT naming the line', (_, text, message) => {
    expect(() => parseReviewItems(text, 'items.jsonl')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(message) }),
    );
  });
});
