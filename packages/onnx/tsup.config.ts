import { defineConfig } from 'tsup';
import { base } from '../../tsup.base';

// stripInternal drops `@internal` members (TrainingRunner's constructor) from the declarations, so they name no
// onnxruntime-node type and type-check without that optional peer installed.
export default defineConfig({
  ...base,
  entry: ['src/index.ts'],
  dts: { compilerOptions: { stripInternal: true } },
});
