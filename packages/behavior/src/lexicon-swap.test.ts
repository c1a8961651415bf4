import { describe, expect, it } from 'vitest';
import { lexiconSwap, swapLocations, swapNames } from './lexicon-swap';
import { lexicons } from './lexicons';
import { drawsRng, expectSeeded } from './perturbation.test-helper';

describe('lexiconSwap', () => {
  const animals = lexiconSwap([['cat', 'dog', 'bird']]);

  it('replaces every occurrence of the drawn term', () => {
    // found: cat; its others: dog, bird; draw 0 → dog
    expect(animals('my cat and your cat', drawsRng([0, 0]))).toBe('my dog and your dog');
    expect(animals('my cat and your dog', drawsRng([0.5, 0.5]))).toBe('my cat and your bird');
  });

  it('matches whole words, case-sensitively, longest first', () => {
    expect(animals('concatenate Cat', drawsRng([]))).toBeNull();
    const places = lexiconSwap([
      ['York', 'Paris'],
      ['New York', 'Lima'],
    ]);
    expect(places('New York', drawsRng([0, 0]))).toBe('Lima');
  });

  it('rejects a group with fewer than two terms', () => {
    expect(() => lexiconSwap([['cat', 'cat']])).toThrow(
      expect.objectContaining({ code: 'EMPTY_LEXICON' }),
    );
  });
});

describe('swapNames', () => {
  it('swaps within the same list', () => {
    // found Mary, John; draw 0 → Mary → femaleNames without Mary, index 0 → Anna
    expect(swapNames('Mary met John', drawsRng([0, 0]))).toBe('Anna met John');
    // draw 0.5 → John → maleNames without John, index 0 → James
    expect(swapNames('Mary met John', drawsRng([0.5, 0]))).toBe('Mary met James');
  });

  it('keeps gender: a female name becomes a female name for every seed', () => {
    for (let seed = 0; seed < 20; seed++) {
      const out = swapNames('Mary', () => (seed + 0.5) / 20);
      expect(lexicons.femaleNames).toContain(out);
    }
  });

  it('is null when no listed name occurs', () => {
    expect(swapNames('mary and john', drawsRng([]))).toBeNull();
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(swapNames, 'Mary met John');
  });
});

describe('swapLocations', () => {
  it('swaps a city for a city, a country for a country', () => {
    // found Paris, France; draw 0 → Paris → cities without Paris, index 0 → London
    expect(swapLocations('Flights to Paris in France', drawsRng([0, 0]))).toBe(
      'Flights to London in France',
    );
    expect(swapLocations('Flights to Paris in France', drawsRng([0.5, 0]))).toBe(
      'Flights to Paris in Germany',
    );
    expect(swapLocations('I love New York', drawsRng([0, 0]))).toBe('I love London');
  });

  it('is null when no listed place occurs', () => {
    expect(swapLocations('nowhere', drawsRng([]))).toBeNull();
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(swapLocations, 'Flights to Paris');
  });
});
