import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import { runSuite } from './run-suite';
import { shortcutProbe } from './shortcut-probe';
import { typoSwap } from './typo-swap';
import { wordTokens } from './word-tokens';

const invalid = (message: string): Error =>
  expect.objectContaining({ code: 'INVALID_OPTION', message }) as Error;

// Each of these used to end in a TypeError from deep inside that named neither the function nor the argument.
describe('wrong argument types are BehaviorErrors naming the function and the argument', () => {
  it('a perturbation given a number for its text, or no generator', () => {
    expect(() => typoSwap(0 as never, createRng(1))).toThrow(
      invalid('typoSwap: text must be a string, got 0'),
    );
    expect(() => typoSwap('the film', undefined as never)).toThrow(
      invalid('typoSwap: rng must be a function, got undefined'),
    );
  });

  it('a generator whose draws are not in [0, 1], and a bigint seed', () => {
    expect(() => typoSwap('the film', () => NaN)).toThrow(
      invalid('rng returned NaN; a generator must return numbers in [0, 1)'),
    );
    expect(() => createRng(10n as never)).toThrow(
      invalid('createRng: seed must be a finite number, got 10n'),
    );
  });

  it('a hand-built test without a perturbation, and a predict that is not a function', async () => {
    const suite = { name: 's', tests: [{ kind: 'inv', name: 't', texts: ['a'] }] } as never;
    await expect(runSuite(suite, () => [])).rejects.toThrow(
      invalid('inv: perturbation must be a function, got undefined'),
    );
    await expect(
      shortcutProbe([{ text: 'a zqx', label: 0 }], null as never, { tokens: ['zqx'] }),
    ).rejects.toThrow(invalid('shortcutProbe: predict must be a function, got null'));
    expect(() => wordTokens(['a'] as never)).toThrow(
      invalid('wordTokens: text must be a string, got an array'),
    );
  });
});
