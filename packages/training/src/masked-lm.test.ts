import { describe, expect, it } from 'vitest';
import { TrainingError } from './errors';
import { IGNORE_INDEX, maskTokens, packTokenBlocks } from './masked-lm';
import { SeededRng } from './seeded-rng';

describe('maskTokens', () => {
  const opts = { maskTokenId: 3, vocabSize: 1000, specialIds: [1, 2] };
  const ids = Array.from({ length: 200_000 }, (_, i) => (i % 100 === 0 ? 1 : 10 + (i % 900)));

  it('selects 15% of non-special tokens; 80% [MASK], 10% random, 10% kept (binomial 4σ bounds)', () => {
    const { inputIds, labels } = maskTokens(ids, new SeededRng(7), opts);
    const candidates = ids.filter((id) => id !== 1).length;
    const selected = labels.filter((l) => l !== IGNORE_INDEX).length;
    const within = (k: number, n: number, p: number) =>
      expect(Math.abs(k - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
    within(selected, candidates, 0.15);
    let masked = 0;
    let kept = 0;
    labels.forEach((l, i) => {
      if (l === IGNORE_INDEX) {
        expect(inputIds[i]).toBe(ids[i]); // unselected tokens are untouched
        return;
      }
      expect(l).toBe(ids[i]); // the label is the original token
      if (inputIds[i] === 3) masked++;
      else if (inputIds[i] === ids[i]) kept++;
    });
    within(masked, selected, 0.8);
    // kept = 10% by design plus random draws that happen to equal the original (1 in 1000 of the other 10%)
    within(kept, selected, 0.1 + 0.1 / 1000);
  });

  it('never selects special tokens', () => {
    const { labels } = maskTokens(ids, new SeededRng(1), { ...opts, probability: 1 });
    ids.forEach((id, i) => expect(labels[i] === IGNORE_INDEX).toBe(id === 1));
  });

  it('is a function of the rng state (resume-safe) and leaves the input alone', () => {
    const copy = ids.slice(0, 500);
    const a = maskTokens(copy, new SeededRng(5), opts);
    const b = maskTokens(copy, new SeededRng(5), opts);
    expect(a).toEqual(b);
    expect(copy).toEqual(ids.slice(0, 500));
    expect(maskTokens(copy, new SeededRng(6), opts)).not.toEqual(a);
  });

  it('rejects bad options', () => {
    expect(() => maskTokens([5], new SeededRng(1), { ...opts, probability: 1.5 })).toThrow(
      TrainingError,
    );
    expect(() => maskTokens([5], new SeededRng(1), { ...opts, vocabSize: 0 })).toThrow(/vocabSize/);
  });
});

describe('packTokenBlocks', () => {
  it('concatenates documents, wraps each block, drops the short tail', () => {
    expect(
      packTokenBlocks(
        [
          [5, 6, 7],
          [8, 9, 10, 11],
        ],
        { blockSize: 4, prefix: [1], suffix: [2], separator: [0] },
      ),
    ).toEqual([
      [1, 5, 6, 2],
      [1, 7, 0, 2],
      [1, 8, 9, 2],
      [1, 10, 11, 2],
    ]);
    expect(packTokenBlocks([[1, 2, 3, 4, 5]], { blockSize: 2 })).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('names a block without room', () => {
    expect(() => packTokenBlocks([[1]], { blockSize: 2, prefix: [1], suffix: [2] })).toThrow(
      /no room/,
    );
  });
});
