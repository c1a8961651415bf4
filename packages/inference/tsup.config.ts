import { defineConfig } from 'tsup';
import { base } from '../../tsup.base';

// shims: the worker pool resolves onnxruntime-node from import.meta.url, which the CJS build must emulate.
export default defineConfig({ ...base, entry: ['src/index.ts'], shims: true });
