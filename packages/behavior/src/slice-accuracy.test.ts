import { describe, expect, it } from 'vitest';
import { lengthSlices } from './length-slices';
import { patternSlices } from './pattern-slices';
import { sliceAccuracy } from './slice-accuracy';
import { tokenSlices } from './token-slices';

const examples = [
  { text: 'From: a@b.c\ngreat zqx', label: 1 }, // 5 tokens, header, zqx; predicted right
  { text: 'bad', label: 0 }, // 1 token; right
  { text: 'ZQX awful film', label: 0 }, // 3 tokens, zqx; wrong
  { text: 'From: x@y.z\nmeh', label: 1 }, // 5 tokens, header; wrong
];
const predictions = [{ label: 1 }, { label: 0 }, { label: 1 }, { label: 0 }];

describe('sliceAccuracy', () => {
  it('scores length bins in tokens', () => {
    expect(sliceAccuracy(examples, predictions, lengthSlices([2, 4, 10]))).toEqual([
      { name: '0–1 tokens', n: 1, correct: 1, accuracy: 1, errorRate: 0 },
      { name: '2–3 tokens', n: 1, correct: 0, accuracy: 0, errorRate: 1 },
      { name: '4–9 tokens', n: 2, correct: 1, accuracy: 0.5, errorRate: 0.5 },
      { name: '≥ 10 tokens', n: 0, correct: 0, accuracy: null, errorRate: null },
    ]);
  });

  it('scores presence and absence of tokens, case-insensitively', () => {
    expect(sliceAccuracy(examples, predictions, tokenSlices(['zqx', 'meh']))).toEqual([
      { name: 'with "zqx", "meh"', n: 3, correct: 1, accuracy: 1 / 3, errorRate: 1 - 1 / 3 },
      { name: 'without "zqx", "meh"', n: 1, correct: 1, accuracy: 1, errorRate: 0 },
    ]);
  });

  it('scores a regex slice, ignoring a global flag', () => {
    const slices = patternSlices('mail header', /^From:/gm);
    expect(
      sliceAccuracy(examples, predictions, slices).map((s) => [s.name, s.n, s.accuracy]),
    ).toEqual([
      ['mail header', 2, 0.5],
      ['not mail header', 2, 0.5],
    ]);
  });

  it('throws on length mismatches, duplicate names and bad edges', () => {
    expect(() => sliceAccuracy(examples, predictions.slice(1), [])).toThrow(
      expect.objectContaining({ code: 'LENGTH_MISMATCH' }),
    );
    const [a] = tokenSlices(['x']);
    expect(() => sliceAccuracy(examples, predictions, [a, a])).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_SLICE_NAME' }),
    );
    expect(() => lengthSlices([5, 5])).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => lengthSlices([])).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});
