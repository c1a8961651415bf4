import { describe, expect, it } from 'vitest';
import { caseTo, changeCase } from './change-case';
import type { CaseMode } from './change-case';
import { drawsRng, expectSeeded } from './perturbation.test-helper';

describe('caseTo', () => {
  it('puts the text in one case', () => {
    expect(caseTo('upper')('Great film', drawsRng([]))).toBe('GREAT FILM');
    expect(caseTo('lower')('Great FILM', drawsRng([]))).toBe('great film');
    expect(caseTo('title')("the CAT's hat", drawsRng([]))).toBe("The Cat's Hat");
  });

  it('is null when the text is already in that case', () => {
    expect(caseTo('upper')('ABC 1', drawsRng([]))).toBeNull();
    expect(caseTo('lower')('123', drawsRng([]))).toBeNull();
  });

  it('rejects an unknown mode', () => {
    expect(() => caseTo('camel' as CaseMode)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});

describe('changeCase', () => {
  it('picks among the modes that change the text', () => {
    // 'Great film': upper, lower and title all differ → draws 0, 0.5, 0.9 pick them in that order
    expect(changeCase('Great film', drawsRng([0]))).toBe('GREAT FILM');
    expect(changeCase('Great film', drawsRng([0.5]))).toBe('great film');
    expect(changeCase('Great film', drawsRng([0.9]))).toBe('Great Film');
    // 'A': upper and title leave it, so lower is the only option
    expect(changeCase('A', drawsRng([0]))).toBe('a');
  });

  it('is null without cased letters', () => {
    expect(changeCase('123 !', drawsRng([]))).toBeNull();
  });

  it('is deterministic per seed and varies across seeds', () => {
    expectSeeded(changeCase, 'Great film');
  });
});
