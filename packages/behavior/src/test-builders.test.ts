import { describe, expect, it } from 'vitest';
import type { DirExpectation } from './types';
import { dir, inv, mft } from './test-builders';
import { typoSwap } from './typo-swap';

// An asymmetric matcher (typed `any` by vitest), typed as what `toThrow` takes.
const code = (c: string): Error => expect.objectContaining({ code: c }) as Error;

describe('mft, inv, dir', () => {
  it('tag the test kind and copy the inputs', () => {
    const texts = ['a good film'];
    const test = inv({ name: 'typos', texts, perturbation: typoSwap });
    texts.push('later');
    expect(test).toMatchObject({ kind: 'inv', name: 'typos', texts: ['a good film'] });
    expect(mft({ name: 'm', examples: [{ text: 'x', label: 0 }] }).kind).toBe('mft');
    expect(
      dir({
        name: 'd',
        texts: ['x'],
        perturbation: typoSwap,
        expectation: { type: 'label-is', label: 1 },
      }).kind,
    ).toBe('dir');
  });

  it('reject tests without texts', () => {
    expect(() => mft({ name: 'm', examples: [] })).toThrow(code('EMPTY_TEST'));
    expect(() => inv({ name: 'i', texts: [], perturbation: typoSwap })).toThrow(code('EMPTY_TEST'));
  });

  it('reject an empty name, a bad label and bad samples', () => {
    expect(() => inv({ name: '', texts: ['x'], perturbation: typoSwap })).toThrow(
      code('INVALID_OPTION'),
    );
    expect(() => mft({ name: 'm', examples: [{ text: 'x', label: 0.5 }] })).toThrow(
      code('INVALID_OPTION'),
    );
    expect(() => inv({ name: 'i', texts: ['x'], perturbation: typoSwap, samples: 0 })).toThrow(
      code('INVALID_OPTION'),
    );
  });

  it('reject an unknown expectation and a negative margin, listing the types', () => {
    const bad = { type: 'up', label: 1 } as unknown as DirExpectation;
    expect(() =>
      dir({ name: 'd', texts: ['x'], perturbation: typoSwap, expectation: bad }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('increase'),
      }),
    );
    expect(() =>
      dir({
        name: 'd',
        texts: ['x'],
        perturbation: typoSwap,
        expectation: { type: 'increase', label: 1, margin: -0.1 },
      }),
    ).toThrow(code('INVALID_OPTION'));
  });
});
