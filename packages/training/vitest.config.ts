import { defineProject } from 'vitest/config';

// Tests train real models; on a 2-core machine running test files side by side some take longer than vitest's 5 s.
export default defineProject({
  test: { name: 'training', typecheck: { enabled: true }, testTimeout: 60_000 },
});
