import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'training', typecheck: { enabled: true } } });
