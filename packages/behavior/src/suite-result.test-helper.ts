import type { SuiteResult } from './types';

/** A result with hostile text (markup, ampersands, pipes) and a test where nothing was tested. */
export const hostileResult: SuiteResult = {
  name: 'Q&A <b>suite</b>',
  seed: 3,
  tests: [
    {
      name: 'typos & <script>alert(1)</script>',
      kind: 'inv',
      capability: 'robustness',
      n: 4,
      skipped: 0,
      failures: 2,
      failureRate: 0.5,
      examples: [
        {
          original: 'Tom & Jerry | <script>x</script>',
          originalPrediction: { label: 1, probs: [0.25, 0.75] },
          perturbed: 'Tom & Jery | <script>x</script>',
          perturbedPrediction: { label: 0, probs: [0.5, 0.5] },
        },
      ],
    },
    {
      name: 'vocabulary',
      kind: 'mft',
      n: 2,
      skipped: 0,
      failures: 1,
      failureRate: 0.5,
      examples: [{ original: 'not bad', originalPrediction: { label: 0 }, expectedLabel: 1 }],
    },
    { name: 'names', kind: 'dir', n: 0, skipped: 3, failures: 0, failureRate: null, examples: [] },
  ],
};
