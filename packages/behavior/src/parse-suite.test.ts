import { describe, expect, it } from 'vitest';
import { BehaviorError } from './errors';
import { PERTURBATIONS, parseSuite } from './parse-suite';
import { runSuite } from './run-suite';
import { typoSwap } from './typo-swap';

const FILE = {
  name: 'sentiment',
  tests: [
    {
      kind: 'mft',
      name: 'keywords',
      capability: 'vocabulary',
      examples: [
        { text: 'good', label: 1 },
        { text: 'bad', label: 0 },
      ],
    },
    {
      kind: 'inv',
      name: 'typos',
      texts: ['a good film', 'a bad film'],
      perturbation: 'typoSwap',
      samples: 2,
    },
    {
      kind: 'dir',
      name: 'case',
      texts: ['good'],
      perturbation: 'changeCase',
      expectation: { type: 'not-decrease', label: 1 },
    },
  ],
};

describe('parseSuite', () => {
  it('builds the tests a suite file describes, perturbations by name', async () => {
    const suite = parseSuite(FILE, 'suite.json');
    expect(suite.tests.map((t) => t.kind)).toEqual(['mft', 'inv', 'dir']);
    expect(suite.tests[1]).toMatchObject({ perturbation: typoSwap, samples: 2 });
    // A keyword classifier: label 1 exactly when the text contains "good" (lower case).
    const result = await runSuite(
      suite,
      (texts) =>
        texts.map((t) => ({
          label: t.includes('good') ? 1 : 0,
          probs: t.includes('good') ? [0, 1] : [1, 0],
        })),
      { seed: 1 },
    );
    expect(result.tests[0]!.failures).toBe(0);
    expect(Object.keys(PERTURBATIONS)).toContain('zeroWidth');
  });

  it('names the JSON path of what is wrong', () => {
    const bad = (tests: unknown[]) => () => parseSuite({ name: 's', tests }, 'suite.json');
    expect(bad([{ kind: 'inv', name: 'x', texts: ['a'], perturbation: 'typo' }])).toThrow(
      /suite\.json\.tests\[0\]\.perturbation "typo" is not one of typoKeyboard/,
    );
    expect(bad([{ kind: 'mft', name: 'x', examples: [{ label: 1 }] }])).toThrow(
      /suite\.json\.tests\[0\]\.examples\[0\]\.text must be a string/,
    );
    expect(bad([{ kind: 'xyz', name: 'x' }])).toThrow(BehaviorError);
    expect(() => parseSuite({ name: 's' }, 'suite.json')).toThrow(
      /suite\.json\.tests must be an array/,
    );
  });
});
