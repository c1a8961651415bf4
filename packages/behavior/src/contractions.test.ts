import { describe, expect, it } from 'vitest';
import { contractions } from './contractions';
import { drawsRng, expectSeeded } from './perturbation.test-helper';

describe('contractions', () => {
  it('contracts an expanded phrase and expands a contraction', () => {
    expect(contractions('I do not like it', drawsRng([0]))).toBe("I don't like it");
    expect(contractions("I don't like it", drawsRng([0]))).toBe('I do not like it');
    expect(contractions('You cannot go', drawsRng([0]))).toBe("You can't go");
    expect(contractions('They will not', drawsRng([0]))).toBe("They won't");
  });

  it('keeps the case of the first letter or of all letters', () => {
    expect(contractions('Do not go', drawsRng([0]))).toBe("Don't go");
    expect(contractions('DO NOT GO', drawsRng([0]))).toBe("DON'T GO");
    expect(contractions("I'm here", drawsRng([0]))).toBe('I am here');
  });

  it('picks one match by the draw, in text order', () => {
    // matches: 'I am' at 0 and 'it is' at 10
    expect(contractions('I am sure it is', drawsRng([0]))).toBe("I'm sure it is");
    expect(contractions('I am sure it is', drawsRng([0.5]))).toBe("I am sure it's");
  });

  it('reads the typographic apostrophe', () => {
    expect(contractions('don’t', drawsRng([0]))).toBe('do not');
  });

  it('matches whole words only', () => {
    expect(contractions('undo nothing', drawsRng([]))).toBeNull();
    // "it is" must not match inside "it isn't"; only "isn't" expands
    expect(contractions("it isn't", drawsRng([0]))).toBe('it is not');
  });

  it('is null when nothing matches', () => {
    expect(contractions('hello world', drawsRng([]))).toBeNull();
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(contractions, "I am sure it is fine and they don't mind");
  });
});
