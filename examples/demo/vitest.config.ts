import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'example-demo', testTimeout: 300_000 } });
