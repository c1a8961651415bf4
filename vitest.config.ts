import { defineConfig } from 'vitest/config';

// One vitest process runs every package's tests, so the suite prints one summary line.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*'],
  },
});
