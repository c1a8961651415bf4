import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'example-gpt1-multiple-choice' } });
