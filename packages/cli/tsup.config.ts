import { defineConfig } from 'tsup';
import { base } from '../../tsup.base';

// `index` is the library (pipelines, report); `bin` is the `nlpft` executable.
export default defineConfig({ ...base, entry: { index: 'src/index.ts', bin: 'src/bin.ts' } });
