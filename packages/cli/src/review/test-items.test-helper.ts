// Test helpers (not exported): small items files for the review tests.
import { parseReviewItems } from './review-items';
import type { ReviewItems } from './review-types';

/** Two systems answering three prompts; ids a1..a3 (alpha) and b1..b3 (beta); outputs are unique. */
export const SIX_ITEMS_JSONL =
  [
    { id: 'a1', system: 'alpha', prompt: 'What is the capital of France?', output: 'Paris.' },
    {
      id: 'b1',
      system: 'beta',
      prompt: 'What is the capital of France?',
      output: 'I like cheese.',
    },
    {
      id: 'a2',
      system: 'alpha',
      prompt: 'Any tips for sleeping better?',
      output: 'Keep a regular bedtime.',
    },
    { id: 'b2', system: 'beta', prompt: 'Any tips for sleeping better?', output: 'Yes.' },
    { id: 'a3', system: 'alpha', prompt: 'Tell me a joke.', output: 'The the the.' },
    {
      id: 'b3',
      system: 'beta',
      prompt: 'Tell me a joke. <script>window.__pwned = 1</script>',
      output: 'Why "quotes" & <img src=x onerror="window.__pwned = 2"> cross the road?',
    },
  ]
    .map((x) => JSON.stringify(x))
    .join('\n') + '\n';

export const sixItems = (): ReviewItems => parseReviewItems(SIX_ITEMS_JSONL, 'items.jsonl');
