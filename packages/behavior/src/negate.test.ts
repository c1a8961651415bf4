import { describe, expect, it } from 'vitest';
import { negate } from './negate';
import { expectSeeded } from './perturbation.test-helper';

describe('negate', () => {
  it.each([
    ['The food is good', 'The food is not good'],
    ['They can swim', 'They cannot swim'],
    ['I have been there', 'I have not been there'],
    ['She has finished', 'She has not finished'],
    ['They will win and we will lose', 'They will not win and we will lose'],
    ['Is it good? It WAS great', 'Is it good? It WAS NOT great'],
    ['It CAN work', 'It CANNOT work'],
  ])('negates %j as %j', (text, expected) => {
    expect(negate(text)).toBe(expected);
  });

  it.each([
    ['already negated', 'The food is not good'],
    ['contracted negation', "It isn't good"],
    ['never', 'I never said that'],
    ['no auxiliary (main verb)', 'I like it'],
    ['"have" as a main verb', 'I have a dog'],
    ['a sentence-initial auxiliary (question)', 'Is it good?'],
  ])('is null for %s', (_, text) => {
    expect(negate(text)).toBeNull();
  });

  it('uses no draws: the same output for every seed', () => {
    expectSeeded(negate, 'The food is good', false);
  });
});
