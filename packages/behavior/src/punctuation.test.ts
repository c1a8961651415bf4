import { describe, expect, it } from 'vitest';
import { drawsRng, expectSeeded } from './perturbation.test-helper';
import { punctuation } from './punctuation';
import type { Perturbation } from './types';

describe('punctuation', () => {
  it('strips closing punctuation, keeping trailing whitespace', () => {
    expect(punctuation('Great film!')).toBe('Great film');
    expect(punctuation('Really?!  ')).toBe('Really  ');
    expect(punctuation('Well…')).toBe('Well');
  });

  it('adds a full stop when there is none', () => {
    expect(punctuation('Great film')).toBe('Great film.');
  });

  it('is null for blank or punctuation-only text', () => {
    for (const text of ['', '   ', '...']) expect(punctuation(text)).toBeNull();
  });

  it('uses no draws: the same output for every seed', () => {
    const asPerturbation: Perturbation = punctuation;
    expect(asPerturbation('Great film', drawsRng([]))).toBe('Great film.');
    expectSeeded(punctuation, 'Great film', false);
  });
});
