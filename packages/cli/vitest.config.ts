import { defineProject } from 'vitest/config';

// Command tests train real models; on a 2-core machine running test files side by side some take longer than 5 s.
export default defineProject({ test: { name: 'cli', testTimeout: 60_000 } });
