import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'inference', typecheck: { enabled: true } } });
