import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'onnx', typecheck: { enabled: true }, testTimeout: 60_000 },
});
