import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'task-inputs', typecheck: { enabled: true } } });
