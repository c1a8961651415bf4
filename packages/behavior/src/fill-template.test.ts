import { describe, expect, it } from 'vitest';
import { fillTemplate } from './fill-template';

const lexicons = { name: ['Ann', 'Bo'], adj: ['kind', 'late', 'odd'] };

describe('fillTemplate', () => {
  it('fills every combination, the last placeholder fastest', () => {
    expect(fillTemplate('{name} is {adj}.', { lexicons })).toEqual([
      'Ann is kind.',
      'Ann is late.',
      'Ann is odd.',
      'Bo is kind.',
      'Bo is late.',
      'Bo is odd.',
    ]);
  });

  it('fills a repeated key the same way both times', () => {
    expect(fillTemplate('{name} said {name}', { lexicons })).toEqual([
      'Ann said Ann',
      'Bo said Bo',
    ]);
  });

  it('keeps braces that do not wrap a key, and a template without placeholders', () => {
    expect(fillTemplate('{ name } {1} {name}', { lexicons })).toEqual([
      '{ name } {1} Ann',
      '{ name } {1} Bo',
    ]);
    expect(fillTemplate('plain', { lexicons })).toEqual(['plain']);
  });

  it('samples max distinct combinations, in product order, the same for the same seed', () => {
    const digits = [...'0123456789'];
    const options = { lexicons: { a: digits, b: digits, c: digits }, max: 5 };
    const a = fillTemplate('{a}{b}{c}', { ...options, seed: 3 });
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
    expect([...a].sort()).toEqual(a); // product order = numeric order here
    expect(fillTemplate('{a}{b}{c}', { ...options, seed: 3 })).toEqual(a);
    expect(fillTemplate('{a}{b}{c}', { ...options, seed: 4 })).not.toEqual(a);
  });

  it('returns the whole product when it fits in max', () => {
    expect(fillTemplate('{name}', { lexicons, max: 2 })).toEqual(['Ann', 'Bo']);
  });

  it('names the missing lexicon and the known ones', () => {
    expect(() => fillTemplate('{name} is {colour}', { lexicons })).toThrow(
      expect.objectContaining({
        code: 'MISSING_LEXICON',
        message: expect.stringContaining('{colour} but lexicons has {name}, {adj}'),
      }),
    );
    // inherited keys are not lexicons
    expect(() => fillTemplate('{constructor}', { lexicons: {} })).toThrow(
      expect.objectContaining({ code: 'MISSING_LEXICON' }),
    );
  });

  it('rejects an empty lexicon and a bad max', () => {
    expect(() => fillTemplate('{x}', { lexicons: { x: [] } })).toThrow(
      expect.objectContaining({ code: 'EMPTY_LEXICON' }),
    );
    expect(() => fillTemplate('{name}', { lexicons, max: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
