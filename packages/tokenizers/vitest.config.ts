import { defineProject } from 'vitest/config';

// Oracle comparisons run thousands of encodings on a shared machine: a generous per-test timeout.
export default defineProject({
  test: { name: 'tokenizers', typecheck: { enabled: true }, testTimeout: 300_000 },
});
