import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'behavior', typecheck: { enabled: true } } });
